// GET /api/clusters/{c}/dlqs/{topic}/messages – a page of messages, newest first unless ?order=oldest, filtered by
// status, fingerprint, original topic, time range and text; ?cursor= continues where nextCursor left off.
import { encodeCursor, parseMessageListQuery } from "@/lib/api/dlq-params";
import { jsonRoute } from "@/lib/api/route";
import type { DlqMessagePage } from "@/lib/contract/schemas";
import { clusterContext } from "@/lib/server/context";
import { listMessages } from "@/lib/store/dlq-message-queries";
import { listMessageToWire } from "@/lib/store/dlq-wire";
import { storeRead } from "@/lib/store/store-timeout";

export const dynamic = "force-dynamic";

export const GET = jsonRoute<{ cluster: string; topic: string }>(
  { role: "viewer" },
  async ({ request, params }): Promise<DlqMessagePage> => {
    const { store, cluster } = await clusterContext(params.cluster);
    const query = parseMessageListQuery(new URL(request.url).searchParams, cluster.id, params.topic);
    const { rows, next } = await storeRead(store, `Reading the messages of DLQ "${params.topic}"`, () => listMessages(store, query));
    return { messages: rows.map(listMessageToWire), nextCursor: next ? encodeCursor(next) : null };
  },
);
