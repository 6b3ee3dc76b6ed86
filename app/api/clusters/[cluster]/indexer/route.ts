// GET /api/clusters/{c}/indexer – whether this server's indexer is reading the cluster's DLQs, and if not, why: the
// console says so where it shows indexed data, which is then only as current as the last record stored.
import { jsonRoute } from "@/lib/api/route";
import { getCluster } from "@/lib/config/clusters";
import type { IndexerStatus } from "@/lib/contract/indexer-schemas";
import { indexerStatus } from "@/lib/server/indexer-running";

export const dynamic = "force-dynamic";

export const GET = jsonRoute<{ cluster: string }>({ role: "viewer" }, async ({ params }): Promise<IndexerStatus> => {
  const status = indexerStatus(getCluster(params.cluster).id);
  if (status.state === "off") return status;
  const heldBack = status.heldBack.map((h) => ({ ...h, since: h.since.toISOString() }));
  return {
    ...status,
    lastErrorAt: status.lastErrorAt?.toISOString() ?? null,
    failingSince: status.failingSince?.toISOString() ?? null,
    heldBack,
  };
});
