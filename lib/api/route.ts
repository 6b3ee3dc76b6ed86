// The wrapper every route handler goes through: it checks the caller's role (in the handler, not only in
// middleware), guards mutating requests against CSRF, resolves params, and maps failures to the API's error
// shape. Unknown failures become a generic 500 that leaks nothing; details go to the log only.
import "server-only";
import { NextResponse } from "next/server";
import { ZodError } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/authenticate";
import type { Role } from "@/lib/contract/auth-schemas";
import { RefusedTargetError } from "@/lib/dlq/redelivery-target";
import { RedriveError } from "@/lib/errors";
import { log } from "@/lib/log";
import { countedRequest, refusesRequests } from "@/lib/server/draining";
import { isQueryCanceled, StoreTimeoutError } from "@/lib/store/store-timeout";
import { errorAnswer } from "./errors";
import { assertSameOrigin } from "./request-guards";

type Handler<Params, Caller> = (args: { request: Request; params: Params; actor: Caller }) => Promise<unknown>;
type RouteParams = Record<string, string | string[]>;
type NextHandler<Params> = (request: Request, context: { params: Promise<Params> }) => Promise<Response>;

export function errorResponse(error: unknown): NextResponse {
  if (error instanceof RedriveError) {
    const { code, status } = errorAnswer(error.kind);
    return NextResponse.json({ error: { code, message: error.message } }, { status });
  }
  if (error instanceof RefusedTargetError) {
    return NextResponse.json({ error: { code: "validation_failed", message: error.message } }, { status: 422 });
  }
  if (error instanceof StoreTimeoutError) {
    log.warn({ reading: error.reading, timeoutMs: error.timeoutMs }, "store read cut by its statement timeout");
    return errorResponse(new RedriveError("store_unavailable", error.message));
  }
  // A read no route named (or one cancelled on the server): still the store's answer, not a crash.
  if (isQueryCanceled(error)) {
    log.warn({ err: error }, "store query cancelled");
    const message = "The store cut a query short (it ran past REDRIVE_STATEMENT_TIMEOUT_MS or was cancelled)";
    return errorResponse(new RedriveError("store_unavailable", message));
  }
  if (error instanceof ZodError) {
    const message = error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ");
    return NextResponse.json({ error: { code: "validation_failed", message } }, { status: 422 });
  }
  log.error({ err: error }, "unhandled error in route handler");
  return NextResponse.json({ error: { code: "internal", message: "Internal error" } }, { status: 500 });
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** A route for callers with at least `role`; the handler gets the authenticated actor. */
export function jsonRoute<Params extends RouteParams = Record<string, never>>(
  access: { role: Role },
  handler: Handler<Params, Actor>,
): NextHandler<Params>;
/** A route anyone may call (health, readiness, sign-in). */
export function jsonRoute<Params extends RouteParams = Record<string, never>>(
  access: { public: true },
  handler: Handler<Params, null>,
): NextHandler<Params>;
export function jsonRoute<Params extends RouteParams>(
  access: { role: Role } | { public: true },
  handler: Handler<Params, Actor> | Handler<Params, null>,
): NextHandler<Params> {
  return (request, context) => {
    // A server shutting down whose listener stays open runs no new request: a load balancer's retry goes elsewhere.
    if (refusesRequests()) {
      const message = "This Redrive instance is shutting down; try again in a moment";
      return Promise.resolve(
        NextResponse.json({ error: { code: "shutting_down", message } }, { status: 503, headers: { "Retry-After": "1" } }),
      );
    }
    return countedRequest(() => answer(request, context));
  };

  async function answer(request: Request, context: { params: Promise<Params> }): Promise<Response> {
    try {
      if (!SAFE_METHODS.has(request.method)) assertSameOrigin(request);
      const params = await context.params;
      const body =
        "role" in access
          ? await (handler as Handler<Params, Actor>)({ request, params, actor: await requireRole(request.headers, access.role) })
          : await (handler as Handler<Params, null>)({ request, params, actor: null });
      return body instanceof Response ? body : NextResponse.json(body, { headers: { "Cache-Control": "no-store" } });
    } catch (error) {
      return errorResponse(error);
    }
  }
}
