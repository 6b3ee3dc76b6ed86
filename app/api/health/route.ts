// GET /api/health – liveness: the process answers, with the release it runs. Readiness (Kafka, store) is /api/ready.
import { jsonRoute } from "@/lib/api/route";
import type { Health } from "@/lib/contract/schemas";
import { APP_VERSION } from "@/lib/version";

export const dynamic = "force-dynamic";

export const GET = jsonRoute({ public: true }, async (): Promise<Health> => ({ status: "ok", version: APP_VERSION }));
