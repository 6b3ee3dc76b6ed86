// Posting alert notices to an admin-supplied webhook (Slack-compatible JSON). The URL usually carries a secret
// (Slack's does), so it is only ever shown masked; and since the server makes the request, only http(s) URLs
// are accepted and redirects are never followed (a redirect could point the server at an internal address).
import { z } from "zod";

export const webhookUrlSchema = z
  .string()
  .trim()
  .max(2_048, "at most 2048 characters")
  .refine((value) => URL.canParse(value), "expected an absolute URL")
  .refine((value) => !URL.canParse(value) || ["http:", "https:"].includes(new URL(value).protocol), "only http:// and https:// URLs")
  .refine((value) => !URL.canParse(value) || (!new URL(value).username && !new URL(value).password), "credentials in the URL are not accepted");

/** "https://hooks.slack.com/services/T0/B0/secret" → "https://hooks.slack.com/…": enough to recognise, nothing to reuse. */
export function maskWebhookUrl(url: string): string {
  if (!URL.canParse(url)) return "…";
  const parsed = new URL(url);
  return parsed.pathname === "/" && !parsed.search ? parsed.origin : `${parsed.origin}/…`;
}

export interface WebhookPayload {
  text: string;
  blocks?: unknown[];
}

export interface PostOptions {
  timeoutMs?: number;
  attempts?: number;
  /** Waits between attempts; tests pass short ones. */
  backoffMs?: number;
}

export type PostResult = { ok: true; status: number; attempts: number } | { ok: false; error: string; attempts: number };

/** A failure as people should read it: never the URL (it holds the secret), never a stack. */
function describeFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof DOMException && error.name === "TimeoutError") return `no answer within ${timeoutMs / 1000} s`;
  const cause = (error as { cause?: { code?: string } }).cause;
  return cause?.code ? `could not connect (${cause.code})` : "could not connect";
}

/**
 * Posts `payload` as JSON, trying up to `attempts` times (with growing pauses) on network errors, 5xx and 429; any
 * other answer is final. A 3xx is a failure: redirects are not followed.
 */
export async function postWebhook(url: string, payload: WebhookPayload, { timeoutMs = 5_000, attempts = 3, backoffMs = 500 }: PostOptions = {}): Promise<PostResult> {
  let last = "";
  for (let attempt = 1; attempt <= attempts; attempt++) {
    if (attempt > 1) await new Promise((resolve) => setTimeout(resolve, backoffMs * 2 ** (attempt - 2)));
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", "user-agent": "redrive-alerts" },
        body: JSON.stringify(payload),
        redirect: "manual",
        signal: AbortSignal.timeout(timeoutMs),
      });
      await response.body?.cancel().catch(() => undefined);
      if (response.ok) return { ok: true, status: response.status, attempts: attempt };
      last = response.status >= 300 && response.status < 400 ? `answered ${response.status} (redirects are not followed)` : `answered HTTP ${response.status}`;
      if (response.status < 500 && response.status !== 429) return { ok: false, error: last, attempts: attempt };
    } catch (error) {
      last = describeFailure(error, timeoutMs);
    }
  }
  return { ok: false, error: last, attempts };
}
