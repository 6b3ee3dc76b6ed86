// GET /api/clusters/{c}/dlqs/{topic}/groups – a page of failure groups, most recently seen first, with a 24-hour trend;
// ?limit= (100, at most 500), ?cursor= continues where nextCursor left off, ?fingerprint= reads one group.
import { encodeGroupCursor, parseFailureGroupQuery } from "@/lib/api/dlq-params";
import { jsonRoute } from "@/lib/api/route";
import type { FailureGroupPage } from "@/lib/contract/schemas";
import { clusterContext } from "@/lib/server/context";
import { failureGroups } from "@/lib/store/dlq-queries";
import { storeRead } from "@/lib/store/store-timeout";

export const dynamic = "force-dynamic";

export const GET = jsonRoute<{ cluster: string; topic: string }>(
  { role: "viewer" },
  async ({ request, params }): Promise<FailureGroupPage> => {
    const query = parseFailureGroupQuery(new URL(request.url).searchParams);
    const { store, cluster } = await clusterContext(params.cluster);
    const read = `Reading the failure groups of DLQ "${params.topic}"`;
    const { groups, next, total } = await storeRead(store, read, () => failureGroups(store, cluster.id, params.topic, query));
    return { groups, nextCursor: next ? encodeGroupCursor(next) : null, total };
  },
);
