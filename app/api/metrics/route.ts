// GET /api/metrics – Prometheus text exposition: DLQ depth and age, inflow, consumer and indexer lag, actions.
// Needs a viewer token or session like every read: topic and group names are not for anyone on the network.
import { jsonRoute } from "@/lib/api/route";
import { metricsContentType, renderMetrics } from "@/lib/metrics/default-collectors";
import { getStore } from "@/lib/store/store";

export const dynamic = "force-dynamic";

export const GET = jsonRoute(
  { role: "viewer" },
  async () =>
    new Response(await renderMetrics(await getStore()), { headers: { "Content-Type": metricsContentType, "Cache-Control": "no-store" } }),
);
