// GET /api/health – liveness: the process answers. Readiness (Kafka, store) is /api/ready.
import { jsonRoute } from "@/lib/api/route";

export const dynamic = "force-dynamic";

export const GET = jsonRoute({ public: true }, async () => ({ status: "ok" }));
