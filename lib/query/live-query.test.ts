import { describe, expect, it } from "vitest";
import { RequestError } from "./request-error";
import { liveQueryDefaults, shouldRetryLiveQuery } from "./live-query";

describe("shouldRetryLiveQuery", () => {
  it("keeps retrying while Kafka or the server is down, however long it takes", () => {
    expect(shouldRetryLiveQuery(1_000, new RequestError(503, "kafka_unavailable", "down"))).toBe(true);
    expect(shouldRetryLiveQuery(1_000, new RequestError(0, "network_error", "down"))).toBe(true);
    expect(shouldRetryLiveQuery(3, new Error("boom"))).toBe(true);
  });

  it("does not retry answers that will not change", () => {
    expect(shouldRetryLiveQuery(0, new RequestError(404, "not_found", "no such topic"))).toBe(false);
    expect(shouldRetryLiveQuery(0, new RequestError(400, "bad_request", "bad"))).toBe(false);
  });

  it("backs off but never waits longer than one poll", () => {
    expect(liveQueryDefaults.retryDelay(0)).toBe(1_000);
    expect(liveQueryDefaults.retryDelay(10)).toBe(5_000);
  });
});
