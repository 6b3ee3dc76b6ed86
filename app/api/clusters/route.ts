// GET /api/clusters – the configured clusters: ids, names, broker addresses and which of their pieces run here; never
// credentials or key file paths.
import { jsonRoute } from "@/lib/api/route";
import { listClusters } from "@/lib/config/clusters";
import type { Cluster } from "@/lib/contract/schemas";

export const dynamic = "force-dynamic";

export const GET = jsonRoute({ role: "viewer" }, async (): Promise<Cluster[]> =>
  listClusters().map(({ id, name, brokers, settings }) => ({ id, name, brokers, runs: { ...settings.runs } })),
);
