// The wrapper every route handler goes through: resolves params, runs the handler, and maps failures to the
// API's error shape. Unknown failures become a generic 500 that leaks nothing; details go to the log only.
import "server-only";
import { NextResponse } from "next/server";
import { ZodError } from "zod";
import { log } from "@/lib/log";
import { ApiError } from "./errors";

type Handler<Params> = (args: { request: Request; params: Params }) => Promise<unknown>;

export function errorResponse(error: unknown): NextResponse {
  if (error instanceof ApiError) {
    return NextResponse.json({ error: { code: error.code, message: error.message } }, { status: error.status });
  }
  if (error instanceof ZodError) {
    const message = error.issues.map((i) => `${i.path.join(".") || "value"}: ${i.message}`).join("; ");
    return NextResponse.json({ error: { code: "validation_failed", message } }, { status: 422 });
  }
  log.error({ err: error }, "unhandled error in route handler");
  return NextResponse.json({ error: { code: "internal", message: "Internal error" } }, { status: 500 });
}

export function jsonRoute<Params extends Record<string, string | string[]> = Record<string, never>>(handler: Handler<Params>) {
  return async (request: Request, context: { params: Promise<Params> }): Promise<Response> => {
    try {
      const params = await context.params;
      const body = await handler({ request, params });
      return body instanceof Response ? body : NextResponse.json(body, { headers: { "Cache-Control": "no-store" } });
    } catch (error) {
      return errorResponse(error);
    }
  };
}
