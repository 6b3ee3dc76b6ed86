// /api/auth/* – better-auth (sign-in, sign-out, session). Sign-ins, failed sign-ins and sign-outs are audited here,
// sign-in attempts are limited per address and username, and bodies over 1 MiB are refused before being read whole.
import { setTimeout as sleep } from "node:timers/promises";
import { NextResponse } from "next/server";
import { recordAudit } from "@/lib/audit/audit-log";
import { authenticate } from "@/lib/auth/authenticate";
import { getAuthContext } from "@/lib/auth/server-auth";
import { assertSameOrigin, readBodyWithin } from "@/lib/api/request-guards";
import { errorResponse } from "@/lib/api/route";
import { requestAddress } from "@/lib/net/request-address";

export const dynamic = "force-dynamic";

function attemptedUsername(body: Buffer): string {
  try {
    const parsed = JSON.parse(body.toString("utf8")) as { username?: unknown };
    return typeof parsed.username === "string" ? parsed.username.slice(0, 64).toLowerCase() : "(none)";
  } catch {
    return "(unreadable)";
  }
}

const rateLimited = (message: string, retryAfterSeconds: number) =>
  NextResponse.json({ error: { code: "rate_limited", message } }, { status: 429, headers: { "Retry-After": String(retryAfterSeconds) } });

async function handle(request: Request): Promise<Response> {
  try {
    const { auth, store, signInLimiter, rejectedSignIns } = await getAuthContext();
    const path = new URL(request.url).pathname;
    const source = requestAddress(request.headers);
    if (request.method !== "POST") return await auth.handler(request);
    assertSameOrigin(request);
    const body = await readBodyWithin(request);
    const buffered = new Request(request.url, { method: "POST", headers: request.headers, body: new Uint8Array(body) });

    if (path.endsWith("/sign-in/username")) {
      const username = attemptedUsername(body);
      const limit = signInLimiter.attempt(source ?? "unknown", username);
      if (!limit.allowed) {
        const byAddress = limit.scope === "address";
        // Refusals of a whole address share one key, so spraying usernames cannot multiply audit rows.
        await rejectedSignIns.record({
          username: byAddress ? "*" : username,
          address: source,
          action: "auth.sign_in_rate_limited",
          status: 429,
          details: { scope: limit.scope },
        });
        const what = byAddress ? "from this address" : `for "${username}" from this address`;
        return rateLimited(`Too many sign-in attempts ${what}; try again in ${limit.retryAfterSeconds} s`, limit.retryAfterSeconds);
      }
      if (limit.delayMs > 0) await sleep(limit.delayMs);
      const response = await auth.handler(buffered);
      if (response.ok) await recordAudit(store, { actor: username, action: "auth.sign_in", source, details: { status: response.status } });
      else {
        const action = response.status === 429 ? "auth.sign_in_rate_limited" : "auth.sign_in_failed";
        await rejectedSignIns.record({ username, address: source, action, status: response.status });
      }
      return response;
    }
    if (path.endsWith("/sign-out")) {
      const actor = await authenticate(request.headers);
      const response = await auth.handler(buffered);
      if (actor && response.ok) await recordAudit(store, { ...actor.audit, action: "auth.sign_out" });
      return response;
    }
    // Sign-up and every other better-auth endpoint that could change accounts stay closed: users are made by admins.
    if (!path.endsWith("/get-session")) {
      return NextResponse.json({ error: { code: "not_found", message: `No auth endpoint at ${path}` } }, { status: 404 });
    }
    return await auth.handler(buffered);
  } catch (error) {
    return errorResponse(error);
  }
}

export { handle as GET, handle as POST };
