// GET /api/clusters/{c}/dlqs/{topic}/messages/{p}/{o} – one message in full: every byte of key and headers, at most
// the first MiB of the value (truncated: true, with its size; …/value downloads it whole), the failure with its
// stack trace, its status and its history; each header says whether a redelivery keeps it, by the rule it is sent by.
import { parseCoordinates } from "@/lib/api/dlq-params";
import { jsonRoute } from "@/lib/api/route";
import { getCluster } from "@/lib/config/clusters";
import { serverEnv } from "@/lib/env";
import { RedriveError } from "@/lib/errors";
import { getMessagePreview, messageHistory } from "@/lib/store/dlq-message-queries";
import { INLINE_VALUE_BYTES, messageToWire } from "@/lib/store/dlq-wire";
import { getStore } from "@/lib/store/store";
import { storeRead } from "@/lib/store/store-timeout";

export const dynamic = "force-dynamic";

type Params = { cluster: string; topic: string; partition: string; offset: string };

export const GET = jsonRoute<Params>({ role: "viewer" }, async ({ params }) => {
  const cluster = getCluster(params.cluster).id;
  const { partition, offset } = parseCoordinates(params.partition, params.offset);
  const store = await getStore();
  const [row, history] = await storeRead(store, `Reading message ${partition}/${offset} of DLQ "${params.topic}"`, () =>
    Promise.all([
      getMessagePreview(store, { cluster, topic: params.topic, partition, offset }, INLINE_VALUE_BYTES),
      messageHistory(store, cluster, params.topic, partition, offset),
    ]),
  );
  if (!row) throw new RedriveError("not_found", `No indexed message at partition ${partition} offset ${offset} of "${params.topic}"`);
  const env = serverEnv();
  return messageToWire(row, history, { customMappings: env.REDRIVE_HEADER_MAPPINGS, keepFailureHeaders: env.REDRIVE_KEEP_FAILURE_HEADERS });
});
