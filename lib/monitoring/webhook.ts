// Posting alert notices to an admin-supplied webhook (Slack-compatible JSON). The server makes the request, so it
// connects only to addresses the webhook address policy checked for this very attempt (a fixed `lookup`: no second
// DNS answer is ever used) and never follows a redirect (one could point it anywhere). What a caller is told is the
// HTTP status or "no answer": socket errors (refused, reset, unreachable) would let a rule map which internal ports
// are open, so they stay in the server's log.
import "server-only";
import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import type { LookupFunction } from "node:net";
import { log } from "@/lib/log";
import {
  checkedWebhookAddresses,
  urlHost,
  WebhookAddressError,
  webhookAddressPolicy,
  type ResolvedAddress,
  type WebhookAddressPolicy,
} from "./webhook-address";

export interface WebhookPayload {
  text: string;
  blocks?: unknown[];
}

export interface PostOptions {
  timeoutMs?: number;
  attempts?: number;
  /** Waits between attempts; tests pass short ones. */
  backoffMs?: number;
  /** Which addresses may be reached; the server's own (from its environment) unless a test passes one. */
  policy?: WebhookAddressPolicy;
}

export type PostResult = { ok: true; status: number; attempts: number } | { ok: false; status?: number; error: string; attempts: number };

const webhookLog = log.child({ component: "alert-webhook" });

/** A lookup that answers the addresses already checked, whatever name it is asked for. */
function checkedLookup(addresses: ResolvedAddress[]): LookupFunction {
  return (_host, options, callback) => {
    const wanted = options.family === 4 || options.family === 6 ? addresses.filter((a) => a.family === options.family) : addresses;
    if (wanted.length === 0) return callback(Object.assign(new Error("no checked address of that family"), { code: "ENOTFOUND" }), "", 4);
    if (options.all) return (callback as unknown as (error: null, all: ResolvedAddress[]) => void)(null, wanted);
    callback(null, wanted[0]!.address, wanted[0]!.family);
  };
}

/** One POST; answers the status, or throws what went wrong on the way (for the log only). */
function postOnce(url: URL, body: string, addresses: ResolvedAddress[], timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = (url.protocol === "https:" ? httpsRequest : httpRequest)(
      {
        protocol: url.protocol,
        hostname: urlHost(url),
        port: url.port || undefined,
        path: `${url.pathname}${url.search}`,
        method: "POST",
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), "user-agent": "redrive-alerts" },
        lookup: checkedLookup(addresses),
        // A pooled socket would outlive the check it was made under.
        agent: false,
        signal: AbortSignal.timeout(timeoutMs),
      },
      (response: IncomingMessage) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

/**
 * Posts `payload` as JSON, trying up to `attempts` times (with growing pauses) when there is no answer, on 5xx and on
 * 429; any other answer is final. A 3xx is a failure: redirects are not followed. The host is resolved and checked
 * again for every attempt (DNS can change between saving the rule and using it); a refused address is final.
 */
export async function postWebhook(
  url: string,
  payload: WebhookPayload,
  { timeoutMs = 5_000, attempts = 3, backoffMs = 500, policy }: PostOptions = {},
): Promise<PostResult> {
  const target = new URL(url);
  const body = JSON.stringify(payload);
  let last: PostResult = { ok: false, error: "no answer", attempts: 0 };
  for (let attempt = 1; attempt <= attempts; attempt++) {
    if (attempt > 1) await new Promise((resolve) => setTimeout(resolve, backoffMs * 2 ** (attempt - 2)));
    try {
      const addresses = await checkedWebhookAddresses(target, policy ?? webhookAddressPolicy());
      const status = await postOnce(target, body, addresses, timeoutMs);
      if (status >= 200 && status < 300) return { ok: true, status, attempts: attempt };
      const error = status >= 300 && status < 400 ? `HTTP ${status} (redirects are not followed)` : `HTTP ${status}`;
      last = { ok: false, status, error, attempts: attempt };
      if (status < 500 && status !== 429) return last;
    } catch (error) {
      if (error instanceof WebhookAddressError) return { ok: false, error: `refused: ${error.message}`, attempts: attempt };
      const { name, code } = error as { name?: string; code?: string };
      webhookLog.warn({ host: target.host, attempt, error: code ?? name ?? String(error) }, "alert webhook: no answer");
      last = { ok: false, error: "no answer", attempts: attempt };
    }
  }
  return last;
}
