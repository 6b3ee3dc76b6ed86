// GET /api/ready – 200 when Kafka and the store both answer, 503 otherwise. Anyone gets {ok}; what is wrong (brokers,
// errors) maps the network behind the console, so only a signed-in viewer or a token sees it.
import { NextResponse } from "next/server";
import { jsonRoute } from "@/lib/api/route";
import { authenticate } from "@/lib/auth/authenticate";
import { checkReadiness } from "@/lib/server/readiness";

export const dynamic = "force-dynamic";

export const GET = jsonRoute({ public: true }, async ({ request }) => {
  const [readiness, caller] = await Promise.all([
    checkReadiness(),
    // A store that cannot be read, or a token that no longer works, makes an anonymous caller, not a failed probe.
    authenticate(request.headers).catch(() => null),
  ]);
  const body = caller ? readiness : { ok: readiness.ok };
  return NextResponse.json(body, { status: readiness.ok ? 200 : 503, headers: { "Cache-Control": "no-store" } });
});
