// GET /api/clusters/{c}/dlqs/{topic}/inflow?range=24h|7d|30d – records arriving in the DLQ per hour.
import { parseQuery } from "@/lib/api/query-params";
import { jsonRoute } from "@/lib/api/route";
import { getCluster } from "@/lib/config/clusters";
import { inflowQuerySchema } from "@/lib/contract/history-schemas";
import { dlqInflow } from "@/lib/monitoring/history-queries";
import { getStore } from "@/lib/store/store";

export const dynamic = "force-dynamic";

export const GET = jsonRoute<{ cluster: string; topic: string }>({ role: "viewer" }, async ({ request, params }) => {
  const { range } = parseQuery(inflowQuerySchema, new URL(request.url).searchParams);
  return dlqInflow(await getStore(), getCluster(params.cluster).id, params.topic, range);
});
