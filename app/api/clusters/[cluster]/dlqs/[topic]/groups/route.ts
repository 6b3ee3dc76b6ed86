// GET /api/clusters/{c}/dlqs/{topic}/groups – failure groups, most recently seen first, with a 24-hour trend.
import { jsonRoute } from "@/lib/api/route";
import { getCluster } from "@/lib/config/clusters";
import { failureGroups } from "@/lib/store/dlq-queries";
import { getStore } from "@/lib/store/store";
import { storeRead } from "@/lib/store/store-timeout";

export const dynamic = "force-dynamic";

export const GET = jsonRoute<{ cluster: string; topic: string }>({ role: "viewer" }, async ({ params }) => {
  const [store, cluster] = [await getStore(), getCluster(params.cluster).id];
  return storeRead(store, `Reading the failure groups of DLQ "${params.topic}"`, () => failureGroups(store, cluster, params.topic));
});
