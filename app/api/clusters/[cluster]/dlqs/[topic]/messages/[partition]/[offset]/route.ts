// GET /api/clusters/{c}/dlqs/{topic}/messages/{p}/{o} – one message in full: every byte, the failure with its
// stack trace, its status and its history; each header says whether a redelivery keeps it, by the rule it is sent by.
import { parseCoordinates } from "@/lib/api/dlq-params";
import { messageToWire } from "@/lib/api/dlq-wire";
import { ApiError } from "@/lib/api/errors";
import { jsonRoute } from "@/lib/api/route";
import { getCluster } from "@/lib/config/clusters";
import { serverEnv } from "@/lib/env";
import { getMessage, messageHistory } from "@/lib/store/dlq-message-queries";
import { getStore } from "@/lib/store/store";

export const dynamic = "force-dynamic";

type Params = { cluster: string; topic: string; partition: string; offset: string };

export const GET = jsonRoute<Params>({ role: "viewer" }, async ({ params }) => {
  const cluster = getCluster(params.cluster).id;
  const { partition, offset } = parseCoordinates(params.partition, params.offset);
  const store = await getStore();
  const [row, history] = await Promise.all([
    getMessage(store, cluster, params.topic, partition, offset),
    messageHistory(store, cluster, params.topic, partition, offset),
  ]);
  if (!row) throw new ApiError("not_found", `No indexed message at partition ${partition} offset ${offset} of "${params.topic}"`);
  const env = serverEnv();
  return messageToWire(row, history, { customMappings: env.REDRIVE_HEADER_MAPPINGS, keepFailureHeaders: env.REDRIVE_KEEP_FAILURE_HEADERS });
});
