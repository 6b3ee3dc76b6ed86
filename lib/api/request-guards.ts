// Checks on what a request carries: where it came from (CSRF), what it is (JSON), and how big it is.
import type { z } from "zod";
import { RedriveError } from "@/lib/errors";

export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * A state-changing request must come from the console's own origin. Browsers send Origin on every POST and
 * Sec-Fetch-Site on every request; scripts with a bearer token send neither and are not exposed to CSRF.
 */
export function assertSameOrigin(request: Request): void {
  const site = request.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") {
    throw new RedriveError("forbidden", "Cross-site requests may not change anything");
  }
  const origin = request.headers.get("origin");
  if (origin) {
    const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
    let originHost: string;
    try {
      originHost = new URL(origin).host;
    } catch {
      throw new RedriveError("forbidden", "The Origin header is not a valid origin");
    }
    if (!host || originHost !== host) throw new RedriveError("forbidden", `Requests from ${origin} may not change anything here`);
  }
}

/** Reads a JSON body of at most `maxBytes` (1 MiB unless said) and validates it; the errors name what is wrong. */
export async function readJson<T extends z.ZodType>(request: Request, schema: T, maxBytes = MAX_BODY_BYTES): Promise<z.infer<T>> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/json\b/i.test(type)) throw new RedriveError("bad_request", "Send the body as JSON (Content-Type: application/json)");
  const text = (await readBodyWithin(request, maxBytes)).toString("utf8");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new RedriveError("bad_request", `The body is not valid JSON: ${(error as Error).message}`);
  }
  return schema.parse(value);
}

/**
 * The body, refused with 413 before it is read whole when it is over `maxBytes`: at once when Content-Length says so,
 * else as soon as the bytes counted while streaming (chunked, or a lying length) pass the limit.
 */
export async function readBodyWithin(request: Request, maxBytes = MAX_BODY_BYTES): Promise<Buffer> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > maxBytes) {
    // Not awaited: the answer need not wait for the sender; cancelling only says the rest is unwanted.
    void request.body?.cancel().catch(() => undefined);
    throw new RedriveError("payload_too_large", `The body is larger than ${maxBytes} bytes`);
  }
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new RedriveError("payload_too_large", `The body is larger than ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
