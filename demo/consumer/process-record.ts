// One message through the failure layers: a value that is not JSON fails at once; the handler then runs with a
// deadline; a rejection or a timeout is final; any other error is retried with backoff until the retries run out.
import { HandlerTimeoutError, MalformedJsonError, ProcessingFailure, RetriesExhaustedError } from "./failures";
import type { OfferHandler } from "./offer-handlers";
import { retryDelays, type RetryPolicy } from "./retry-schedule";

export interface ProcessingOptions {
  timeoutMs: number;
  retry: RetryPolicy;
  fixed: boolean;
  /** Waits between attempts; a test passes one that does not really wait. */
  sleep?: (ms: number) => Promise<void>;
  /** Called after each failed attempt (for metrics). */
  onAttemptFailed?: (error: Error) => void;
}

export interface FailureDescription {
  exceptionClass: string;
  causeClass: string | null;
  message: string;
  stacktrace: string;
}

export type Outcome = { status: "processed"; attempts: number } | { status: "failed"; attempts: number; failure: FailureDescription };

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });
const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The value as JSON, read strictly: invalid UTF-8 is an error, not replacement characters. */
export function parseJsonValue(value: Buffer | null): unknown {
  if (value === null) throw new MalformedJsonError("The record has no value (a tombstone); an offer is expected");
  let text: string;
  try {
    text = strictUtf8.decode(value);
  } catch {
    throw new MalformedJsonError(`The value is not valid UTF-8 (${value.length} bytes)`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new MalformedJsonError(`The value is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
}

async function runWithDeadline(
  handler: OfferHandler,
  offer: unknown,
  attempt: number,
  { timeoutMs, fixed }: ProcessingOptions,
): Promise<void> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new HandlerTimeoutError(`The handler did not finish within ${timeoutMs} ms (attempt ${attempt})`));
    }, timeoutMs);
  });
  try {
    await Promise.race([handler(offer, { signal: controller.signal, attempt, fixed }), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

function describe(error: Error): FailureDescription {
  const cause = error instanceof RetriesExhaustedError ? error.lastError : error.cause instanceof Error ? error.cause : null;
  const stack = (e: Error) => e.stack ?? `${e.name}: ${e.message}`;
  // Java's way of showing a cause, which is what a reader of a Spring DLT record expects.
  const stacktrace = cause ? `${stack(error)}\nCaused by: ${stack(cause)}` : stack(error);
  return { exceptionClass: error.name, causeClass: cause?.name ?? null, message: error.message, stacktrace };
}

const asError = (error: unknown) => (error instanceof Error ? error : new Error(String(error)));

export async function processRecord(value: Buffer | null, handler: OfferHandler, options: ProcessingOptions): Promise<Outcome> {
  let offer: unknown;
  try {
    offer = parseJsonValue(value);
  } catch (error) {
    options.onAttemptFailed?.(asError(error));
    return { status: "failed", attempts: 1, failure: describe(asError(error)) };
  }
  const delays = retryDelays(options.retry);
  for (let attempt = 1; ; attempt++) {
    try {
      await runWithDeadline(handler, offer, attempt, options);
      return { status: "processed", attempts: attempt };
    } catch (thrown) {
      const error = asError(thrown);
      options.onAttemptFailed?.(error);
      // Errors of unknown kind (a bug, a reset socket) are retried, as Spring's error handler does by default.
      const retriable = error instanceof ProcessingFailure ? error.retriable : true;
      if (!retriable) return { status: "failed", attempts: attempt, failure: describe(error) };
      const delay = delays[attempt - 1];
      if (delay === undefined) {
        const exhausted = new RetriesExhaustedError(`Gave up after ${attempt} attempts: ${error.message}`, error);
        return { status: "failed", attempts: attempt, failure: describe(exhausted) };
      }
      await (options.sleep ?? sleepFor)(delay);
    }
  }
}
