// GET /api/clusters – the configured clusters (ids, names and broker addresses; never credentials).
import { jsonRoute } from "@/lib/api/route";
import { listClusters } from "@/lib/config/clusters";
import type { Cluster } from "@/lib/contract/schemas";

export const dynamic = "force-dynamic";

export const GET = jsonRoute({ role: "viewer" }, async (): Promise<Cluster[]> =>
  listClusters().map(({ id, name, brokers }) => ({ id, name, brokers })),
);
