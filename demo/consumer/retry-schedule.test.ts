import { describe, expect, it } from "vitest";
import { retryDelays } from "./retry-schedule";

describe("retryDelays", () => {
  it("doubles from the initial delay up to the ceiling, one delay per retry", () => {
    expect(retryDelays({ retries: 6, initialDelayMs: 200, multiplier: 2, maxDelayMs: 5_000 })).toEqual([
      200, 400, 800, 1_600, 3_200, 5_000,
    ]);
  });

  it("has no delays without retries, and constant ones with multiplier 1", () => {
    expect(retryDelays({ retries: 0, initialDelayMs: 200, multiplier: 2, maxDelayMs: 5_000 })).toEqual([]);
    expect(retryDelays({ retries: 3, initialDelayMs: 50, multiplier: 1, maxDelayMs: 5_000 })).toEqual([50, 50, 50]);
  });
});
