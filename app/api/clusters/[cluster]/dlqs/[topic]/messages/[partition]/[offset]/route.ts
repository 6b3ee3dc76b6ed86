// GET /api/clusters/{c}/dlqs/{topic}/messages/{p}/{o} – one message in full: every byte of key and headers, at most
// the first MiB of the value (truncated: true, with its size; …/value downloads it whole), the failure with its
// stack trace, its status and its history; each header says whether a redelivery keeps it, by the rule it is sent by.
import { parseCoordinates } from "@/lib/api/dlq-params";
import { jsonRoute } from "@/lib/api/route";
import { RedriveError } from "@/lib/errors";
import { clusterContext } from "@/lib/server/context";
import { getMessagePreview, messageHistory } from "@/lib/store/dlq-message-queries";
import { INLINE_VALUE_BYTES, messageToWire } from "@/lib/store/dlq-wire";
import { storeRead } from "@/lib/store/store-timeout";

export const dynamic = "force-dynamic";

type Params = { cluster: string; topic: string; partition: string; offset: string };

export const GET = jsonRoute<Params>({ role: "viewer" }, async ({ params }) => {
  const { cluster: config, store } = await clusterContext(params.cluster);
  const cluster = config.id;
  const { partition, offset } = parseCoordinates(params.partition, params.offset);
  const [row, history] = await storeRead(store, `Reading message ${partition}/${offset} of DLQ "${params.topic}"`, () =>
    Promise.all([
      getMessagePreview(store, { cluster, topic: params.topic, partition, offset }, INLINE_VALUE_BYTES),
      messageHistory(store, cluster, params.topic, partition, offset),
    ]),
  );
  if (!row) throw new RedriveError("not_found", `No indexed message at partition ${partition} offset ${offset} of "${params.topic}"`);
  const { headerMappings, keepFailureHeaders } = config.settings;
  return messageToWire(row, history, { customMappings: headerMappings, keepFailureHeaders });
});
