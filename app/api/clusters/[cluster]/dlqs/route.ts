// GET /api/clusters/{c}/dlqs – every indexed DLQ topic with its totals by status and the oldest pending record.
import { jsonRoute } from "@/lib/api/route";
import { clusterContext } from "@/lib/server/context";
import { summariseDlqs } from "@/lib/store/dlq-queries";
import { storeRead } from "@/lib/store/store-timeout";

export const dynamic = "force-dynamic";

export const GET = jsonRoute<{ cluster: string }>({ role: "viewer" }, async ({ params }) => {
  const { store, cluster } = await clusterContext(params.cluster);
  return storeRead(store, `Reading the DLQs of cluster "${cluster.id}"`, () => summariseDlqs(store, cluster.id));
});
