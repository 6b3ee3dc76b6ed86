import { describe, expect, it } from "vitest";
import { DependencyUnavailableError, OfferRejectedError } from "./failures";
import type { OfferHandler } from "./offer-handlers";
import { parseJsonValue, processRecord, type ProcessingOptions } from "./process-record";

const json = (value: unknown) => Buffer.from(JSON.stringify(value));

function options(overrides: Partial<ProcessingOptions> = {}) {
  const waited: number[] = [];
  const failed: string[] = [];
  const opts: ProcessingOptions = {
    timeoutMs: 200,
    retry: { retries: 3, initialDelayMs: 100, multiplier: 2, maxDelayMs: 1_000 },
    fixed: false,
    sleep: async (ms) => void waited.push(ms),
    onAttemptFailed: (error) => failed.push(error.name),
    ...overrides,
  };
  return { opts, waited, failed };
}

describe("parseJsonValue", () => {
  it("reads UTF-8 JSON and refuses a tombstone, invalid UTF-8 and text that is not JSON", () => {
    expect(parseJsonValue(Buffer.from('{"a":"Zoë"}'))).toEqual({ a: "Zoë" });
    expect(() => parseJsonValue(null)).toThrow(/tombstone/);
    // 0xff is never UTF-8; a lenient decoder would turn it into U+FFFD inside a valid JSON string.
    expect(() => parseJsonValue(Buffer.from([0x22, 0xff, 0x22]))).toThrow(/not valid UTF-8/);
    expect(() => parseJsonValue(Buffer.from("{not json"))).toThrow(/not valid JSON/);
  });
});

describe("processRecord's failure layers", () => {
  it("processes a good message in one attempt", async () => {
    const { opts, waited } = options();
    const seen: unknown[] = [];
    const outcome = await processRecord(json({ offerId: "o" }), async (offer) => void seen.push(offer), opts);
    expect(outcome).toEqual({ status: "processed", attempts: 1 });
    expect(seen).toEqual([{ offerId: "o" }]);
    expect(waited).toEqual([]);
  });

  it("fails bad JSON at once, without calling the handler", async () => {
    const { opts, failed } = options();
    let called = false;
    const outcome = await processRecord(Buffer.from("{nope"), async () => void (called = true), opts);
    expect(called).toBe(false);
    expect(outcome.status === "failed" && outcome.failure).toMatchObject({
      exceptionClass: "MalformedJsonError",
      causeClass: "SyntaxError",
      message: expect.stringMatching(/^The value is not valid JSON/),
    });
    expect(outcome.attempts).toBe(1);
    expect(failed).toEqual(["MalformedJsonError"]);
  });

  it("does not retry a business-rule rejection", async () => {
    const { opts, waited } = options();
    const outcome = await processRecord(json({}), async () => Promise.reject(new OfferRejectedError("bid below the floor")), opts);
    expect(outcome).toMatchObject({
      status: "failed",
      attempts: 1,
      failure: { exceptionClass: "OfferRejectedError", causeClass: null, message: "bid below the floor" },
    });
    expect(waited).toEqual([]);
  });

  it("times a hanging handler out, aborts its signal and does not retry it", async () => {
    const { opts, waited } = options({ timeoutMs: 50 });
    let aborted = false;
    const hang: OfferHandler = (_, { signal }) => new Promise(() => signal.addEventListener("abort", () => (aborted = true)));
    const started = performance.now();
    const outcome = await processRecord(json({}), hang, opts);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(outcome).toMatchObject({ status: "failed", attempts: 1, failure: { exceptionClass: "HandlerTimeoutError" } });
    expect(aborted).toBe(true);
    expect(waited).toEqual([]);
  });

  it("retries a transient failure with backoff and succeeds when it passes", async () => {
    const { opts, waited, failed } = options();
    const flaky: OfferHandler = async (_, { attempt }) => {
      if (attempt < 3) throw new DependencyUnavailableError("503");
    };
    expect(await processRecord(json({}), flaky, opts)).toEqual({ status: "processed", attempts: 3 });
    expect(waited).toEqual([100, 200]);
    expect(failed).toEqual(["DependencyUnavailableError", "DependencyUnavailableError"]);
  });

  it("gives up after N retries, naming the last error as the cause", async () => {
    const { opts, waited } = options();
    const down: OfferHandler = async () => Promise.reject(new DependencyUnavailableError("GET https://x.unavailable.test answered 503"));
    const outcome = await processRecord(json({}), down, opts);
    expect(outcome).toMatchObject({
      status: "failed",
      attempts: 4,
      failure: {
        exceptionClass: "RetriesExhaustedError",
        causeClass: "DependencyUnavailableError",
        message: "Gave up after 4 attempts: GET https://x.unavailable.test answered 503",
      },
    });
    expect(outcome.status === "failed" && outcome.failure.stacktrace).toMatch(/\nCaused by: DependencyUnavailableError: GET/);
    expect(waited).toEqual([100, 200, 400]);
  });

  it("retries an error of unknown kind (a bug) like a transient one", async () => {
    const { opts } = options({ retry: { retries: 1, initialDelayMs: 1, multiplier: 2, maxDelayMs: 1 } });
    const buggy: OfferHandler = async (offer) => void (offer as { missing: { x: number } }).missing.x;
    expect(await processRecord(json({}), buggy, opts)).toMatchObject({
      status: "failed",
      attempts: 2,
      failure: { exceptionClass: "RetriesExhaustedError", causeClass: "TypeError" },
    });
  });
});
