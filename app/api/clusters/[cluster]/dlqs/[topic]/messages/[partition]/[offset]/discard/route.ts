// POST …/messages/{p}/{o}/discard {reason} – a recorded decision that the message is dead; it leaves the pending views.
import { parseCoordinates } from "@/lib/api/dlq-params";
import { readJson } from "@/lib/api/request-guards";
import { jsonRoute } from "@/lib/api/route";
import { discardRequestSchema } from "@/lib/contract/triage-schemas";
import { clusterContext } from "@/lib/server/context";
import { discard } from "@/lib/triage/single-actions";

export const dynamic = "force-dynamic";

type Params = { cluster: string; topic: string; partition: string; offset: string };

export const POST = jsonRoute<Params>({ role: "operator" }, async ({ request, params, actor }) => {
  const { cluster, store } = await clusterContext(params.cluster);
  const { partition, offset } = parseCoordinates(params.partition, params.offset);
  const { reason } = await readJson(request, discardRequestSchema);
  return discard(store, { key: { cluster: cluster.id, topic: params.topic, partition, offset }, actor, reason });
});
