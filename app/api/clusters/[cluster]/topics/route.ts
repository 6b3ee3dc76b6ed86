// GET /api/clusters/{c}/topics – every topic with partitions, replication and message count (internal ones flagged).
import { jsonRoute } from "@/lib/api/route";
import { getCluster } from "@/lib/config/clusters";
import { listTopics } from "@/lib/kafka/cluster-reads";

export const dynamic = "force-dynamic";

export const GET = jsonRoute<{ cluster: string }>({ role: "viewer" }, async ({ params }) => listTopics(getCluster(params.cluster)));
