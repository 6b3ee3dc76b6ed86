// GET /api/clusters/{c}/dlqs – every indexed DLQ topic with its totals by status and the oldest pending record.
import { jsonRoute } from "@/lib/api/route";
import { getCluster } from "@/lib/config/clusters";
import { summariseDlqs } from "@/lib/store/dlq-queries";
import { getStore } from "@/lib/store/store";
import { storeRead } from "@/lib/store/store-timeout";

export const dynamic = "force-dynamic";

export const GET = jsonRoute<{ cluster: string }>({ role: "viewer" }, async ({ params }) => {
  const [store, cluster] = [await getStore(), getCluster(params.cluster).id];
  return storeRead(store, `Reading the DLQs of cluster "${cluster}"`, () => summariseDlqs(store, cluster));
});
