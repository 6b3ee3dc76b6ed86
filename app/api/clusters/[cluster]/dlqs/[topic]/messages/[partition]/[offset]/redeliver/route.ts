// POST …/messages/{p}/{o}/redeliver – produce the record again (as it was, or edited) to its original topic or
// another; exactly once per message: a second request gets 409 already_resolved.
import { bytesFromInput } from "@/lib/api/bytes-input";
import { parseCoordinates } from "@/lib/api/dlq-params";
import { readJson } from "@/lib/api/request-guards";
import { jsonRoute } from "@/lib/api/route";
import { redeliverRequestSchema } from "@/lib/contract/triage-schemas";
import { clusterContext } from "@/lib/server/context";
import { checkUnconfirmedRedeliveriesSoon } from "@/lib/server/job-running";
import { redeliver } from "@/lib/triage/single-actions";

export const dynamic = "force-dynamic";

// An edited value travels as base64 in JSON: room for a record of several MB.
const MAX_REDELIVER_BODY = 16 * 1024 * 1024;

type Params = { cluster: string; topic: string; partition: string; offset: string };

export const POST = jsonRoute<Params>({ role: "operator" }, async ({ request, params, actor }) => {
  const { cluster, kafka, store } = await clusterContext(params.cluster);
  const { partition, offset } = parseCoordinates(params.partition, params.offset);
  const body = await readJson(request, redeliverRequestSchema, MAX_REDELIVER_BODY);
  const edit = body.edit && {
    ...("key" in body.edit ? { key: bytesFromInput(body.edit.key ?? null) } : {}),
    ...("value" in body.edit ? { value: bytesFromInput(body.edit.value ?? null) } : {}),
    ...(body.edit.headers ? { headers: body.edit.headers.map((h) => ({ key: h.key, value: bytesFromInput(h.value) })) } : {}),
  };
  const { settings } = cluster;
  return redeliver(
    {
      store,
      assertTopicExists: kafka.assertTopicExists,
      produce: kafka.produce,
      checkUnconfirmedSoon: checkUnconfirmedRedeliveriesSoon,
      customMappings: settings.headerMappings,
      keepFailureHeaders: settings.keepFailureHeaders,
      redeliverTargets: settings.redeliverTargets,
    },
    { key: { cluster: cluster.id, topic: params.topic, partition, offset }, actor, targetTopic: body.targetTopic, edit, note: body.note },
  );
});
