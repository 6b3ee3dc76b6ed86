// GET /api/clusters/{c}/topics/{topic} – partitions with offsets, and the groups consuming the topic with their lag.
import { jsonRoute } from "@/lib/api/route";
import { getCluster } from "@/lib/config/clusters";
import { describeTopic } from "@/lib/kafka/cluster-reads";

export const dynamic = "force-dynamic";

export const GET = jsonRoute<{ cluster: string; topic: string }>({ role: "viewer" }, async ({ params }) =>
  describeTopic(getCluster(params.cluster), params.topic),
);
