// GET /api/clusters/{c}/groups/{group}/lag-history?range=1h|6h|24h|7d – the group's sampled total lag over time.
import { parseQuery } from "@/lib/api/query-params";
import { jsonRoute } from "@/lib/api/route";
import { getCluster } from "@/lib/config/clusters";
import { lagHistoryQuerySchema } from "@/lib/contract/history-schemas";
import { serverEnv } from "@/lib/env";
import { lagHistory } from "@/lib/monitoring/history-queries";
import { getStore } from "@/lib/store/store";

export const dynamic = "force-dynamic";

export const GET = jsonRoute<{ cluster: string; group: string }>({ role: "viewer" }, async ({ request, params }) => {
  const { range } = parseQuery(lagHistoryQuerySchema, new URL(request.url).searchParams);
  return lagHistory(await getStore(), getCluster(params.cluster).id, params.group, range, serverEnv().REDRIVE_LAG_SAMPLE_SECONDS * 1000);
});
