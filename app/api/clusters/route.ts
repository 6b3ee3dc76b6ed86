// GET /api/clusters – the configured clusters: ids, names, broker addresses and which of their pieces run here; never
// credentials or key file paths.
import { jsonRoute } from "@/lib/api/route";
import type { Cluster } from "@/lib/api/schemas";
import { listClusters } from "@/lib/config/clusters";

export const dynamic = "force-dynamic";

export const GET = jsonRoute({ role: "viewer" }, async (): Promise<Cluster[]> =>
  listClusters().map(({ id, name, brokers, settings }) => ({ id, name, brokers, runs: { ...settings.runs } })),
);
