// The browser's single way to call the Redrive API: every answer is checked for its status and parsed with zod.
import type { z } from "zod";
import { errorBodySchema } from "@/lib/contract/errors";
import { RequestError, NETWORK_ERROR_STATUS } from "./request-error";

type FetchOptions = {
  signal?: AbortSignal;
  /** Statuses whose body is a normal answer rather than an error body (e.g. 503 from /api/ready). */
  acceptStatuses?: readonly number[];
};

export async function apiGet<S extends z.ZodType>(path: string, schema: S, options: FetchOptions = {}): Promise<z.infer<S>> {
  return request(
    path,
    { method: "GET", signal: options.signal, headers: { Accept: "application/json" }, cache: "no-store" },
    schema,
    options,
  );
}

/** A state-changing call: a JSON body from this page's origin, which is what the server's Origin check accepts. */
export async function apiSend<S extends z.ZodType>(
  method: "POST" | "PATCH" | "DELETE",
  path: string,
  body: unknown,
  schema: S,
): Promise<z.infer<S>> {
  return request(
    path,
    { method, headers: { Accept: "application/json", "Content-Type": "application/json" }, body: JSON.stringify(body), cache: "no-store" },
    schema,
    {},
  );
}

async function request<S extends z.ZodType>(path: string, init: RequestInit, schema: S, options: FetchOptions): Promise<z.infer<S>> {
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === "AbortError") throw cause;
    throw new RequestError(NETWORK_ERROR_STATUS, "network_error", "The Redrive server is not reachable");
  }

  const body: unknown = await response.json().catch(() => undefined);
  // fetch does not reject on 4xx/5xx, so the status decides whether the body is data or an error.
  if (!response.ok && !options.acceptStatuses?.includes(response.status)) {
    const parsedError = errorBodySchema.safeParse(body);
    if (parsedError.success) {
      throw new RequestError(response.status, parsedError.data.error.code, parsedError.data.error.message);
    }
    throw new RequestError(response.status, "http_error", `The server answered ${response.status} ${response.statusText}`.trim());
  }

  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new RequestError(response.status, "invalid_response", `Unexpected answer from ${path}`);
  }
  return parsed.data;
}

// Query modules build API paths with the same encoding as the page URLs.
export { encodePathSegment } from "@/lib/contract/hrefs";
