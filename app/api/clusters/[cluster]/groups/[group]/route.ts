// GET /api/clusters/{c}/groups/{group} – members with assignments, and committed offset, log end and lag per partition.
import { jsonRoute } from "@/lib/api/route";
import { getCluster } from "@/lib/config/clusters";
import { describeGroup } from "@/lib/kafka/cluster-reads";

export const dynamic = "force-dynamic";

export const GET = jsonRoute<{ cluster: string; group: string }>({ role: "viewer" }, async ({ params }) =>
  describeGroup(getCluster(params.cluster), params.group),
);
