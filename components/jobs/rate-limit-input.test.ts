import { describe, expect, it } from "vitest";
import { parseRateLimit } from "./rate-limit-input";

describe("parseRateLimit", () => {
  it("reads empty as no limit", () => {
    expect(parseRateLimit("")).toEqual({ ok: true, perSecond: null });
    expect(parseRateLimit("   ")).toEqual({ ok: true, perSecond: null });
  });

  it("takes whole numbers within the API's bounds", () => {
    expect(parseRateLimit(" 20 ")).toEqual({ ok: true, perSecond: 20 });
    expect(parseRateLimit("100000")).toEqual({ ok: true, perSecond: 100_000 });
  });

  it("refuses anything else with one message", () => {
    for (const text of ["0", "-5", "1.5", "1e3", "abc", "100001"]) expect(parseRateLimit(text).ok, text).toBe(false);
  });
});
