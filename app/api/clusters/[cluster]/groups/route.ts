// GET /api/clusters/{c}/groups – consumer groups with state, member count, topics and total lag.
import { jsonRoute } from "@/lib/api/route";
import { getCluster } from "@/lib/config/clusters";
import { listGroups } from "@/lib/kafka/cluster-reads";

export const dynamic = "force-dynamic";

export const GET = jsonRoute<{ cluster: string }>({ role: "viewer" }, async ({ params }) => listGroups(getCluster(params.cluster)));
