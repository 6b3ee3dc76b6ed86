// /api/auth/* – better-auth (sign-in, sign-out, session). Sign-ins, failed sign-ins and sign-outs are audited here.
import { NextResponse } from "next/server";
import { recordAudit } from "@/lib/audit/audit-log";
import { authenticate, clientAddress } from "@/lib/auth/authenticate";
import { getAuthContext } from "@/lib/auth/server-auth";
import { assertSameOrigin } from "@/lib/api/request-guards";
import { errorResponse } from "@/lib/api/route";

export const dynamic = "force-dynamic";

async function attemptedUsername(request: Request): Promise<string> {
  try {
    const body = (await request.clone().json()) as { username?: unknown };
    return typeof body.username === "string" ? body.username.slice(0, 64).toLowerCase() : "(none)";
  } catch {
    return "(unreadable)";
  }
}

async function handle(request: Request): Promise<Response> {
  try {
    const { auth, store, signInLimiter } = await getAuthContext();
    const path = new URL(request.url).pathname;
    const source = clientAddress(request.headers);
    if (request.method === "POST") assertSameOrigin(request);

    if (path.endsWith("/sign-in/username")) {
      const username = await attemptedUsername(request);
      const limit = signInLimiter.attempt(username);
      if (!limit.allowed) {
        await recordAudit(store, { actor: username, action: "auth.sign_in_rate_limited", source, details: { status: 429 } });
        return NextResponse.json(
          { error: { code: "rate_limited", message: `Too many sign-in attempts for "${username}"; try again in ${limit.retryAfterSeconds} s` } },
          { status: 429, headers: { "Retry-After": String(limit.retryAfterSeconds) } },
        );
      }
      const response = await auth.handler(request);
      const action = response.ok ? "auth.sign_in" : response.status === 429 ? "auth.sign_in_rate_limited" : "auth.sign_in_failed";
      await recordAudit(store, { actor: username, action, source, details: { status: response.status } });
      return response;
    }
    if (path.endsWith("/sign-out")) {
      const actor = await authenticate(request.headers);
      const response = await auth.handler(request);
      if (actor && response.ok) await recordAudit(store, { ...actor.audit, action: "auth.sign_out" });
      return response;
    }
    // Sign-up and every other better-auth endpoint that could change accounts stay closed: users are made by admins.
    if (request.method === "POST" && !path.endsWith("/get-session")) {
      return NextResponse.json({ error: { code: "not_found", message: `No auth endpoint at ${path}` } }, { status: 404 });
    }
    return auth.handler(request);
  } catch (error) {
    return errorResponse(error);
  }
}

export { handle as GET, handle as POST };
