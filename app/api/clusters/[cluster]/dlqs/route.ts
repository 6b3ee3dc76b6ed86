// GET /api/clusters/{c}/dlqs – every indexed DLQ topic with its totals by status and the oldest pending record.
import { jsonRoute } from "@/lib/api/route";
import { getCluster } from "@/lib/config/clusters";
import { summariseDlqs } from "@/lib/store/dlq-queries";
import { getStore } from "@/lib/store/store";

export const dynamic = "force-dynamic";

export const GET = jsonRoute<{ cluster: string }>({ role: "viewer" }, async ({ params }) =>
  summariseDlqs(await getStore(), getCluster(params.cluster).id),
);
