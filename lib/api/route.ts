// The wrapper every route handler goes through: it checks the caller's role (in the handler, not only in
// middleware), guards mutating requests against CSRF, resolves params, and maps failures to the API's error
// shape. Unknown failures become a generic 500 that leaks nothing; details go to the log only.
import "server-only";
import { NextResponse } from "next/server";
import { ZodError } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/authenticate";
import type { Role } from "@/lib/auth/roles";
import { log } from "@/lib/log";
import { ApiError } from "./errors";
import { assertSameOrigin } from "./request-guards";

type Access = { role: Role } | { public: true };
type Handler<Params> = (args: { request: Request; params: Params; actor: Actor | null }) => Promise<unknown>;

export function errorResponse(error: unknown): NextResponse {
  if (error instanceof ApiError) {
    return NextResponse.json({ error: { code: error.code, message: error.message } }, { status: error.status });
  }
  if (error instanceof ZodError) {
    const message = error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ");
    return NextResponse.json({ error: { code: "validation_failed", message } }, { status: 422 });
  }
  log.error({ err: error }, "unhandled error in route handler");
  return NextResponse.json({ error: { code: "internal", message: "Internal error" } }, { status: 500 });
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function jsonRoute<Params extends Record<string, string | string[]> = Record<string, never>>(
  access: Access,
  handler: Handler<Params>,
) {
  return async (request: Request, context: { params: Promise<Params> }): Promise<Response> => {
    try {
      if (!SAFE_METHODS.has(request.method)) assertSameOrigin(request);
      const actor = "role" in access ? await requireRole(request.headers, access.role) : null;
      const params = await context.params;
      const body = await handler({ request, params, actor });
      return body instanceof Response ? body : NextResponse.json(body, { headers: { "Cache-Control": "no-store" } });
    } catch (error) {
      return errorResponse(error);
    }
  };
}
