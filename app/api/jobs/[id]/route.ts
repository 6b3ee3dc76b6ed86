// GET /api/jobs/{id} – one bulk job: its selection, state, progress (done, failed, skipped, remaining, rate, ETA)
// and its first failures.
import { jsonRoute } from "@/lib/api/route";
import { getStore } from "@/lib/store/store";
import { getJobDetails } from "@/lib/triage/jobs";

export const dynamic = "force-dynamic";

export const GET = jsonRoute<{ id: string }>({ role: "viewer" }, async ({ params }) => getJobDetails(await getStore(), params.id));
