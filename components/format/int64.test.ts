import { describe, expect, it } from "vitest";
import { compareInt64, formatCount, formatInt64, sumInt64 } from "./int64";

describe("compareInt64", () => {
  it("orders by numeric value, not by text", () => {
    expect(compareInt64("9", "10")).toBeLessThan(0);
    expect(compareInt64("100", "99")).toBeGreaterThan(0);
    expect(compareInt64("42", "42")).toBe(0);
  });

  it("handles values beyond 2^53 exactly", () => {
    expect(compareInt64("9007199254740993", "9007199254740992")).toBeGreaterThan(0);
    expect(compareInt64("9223372036854775807", "9223372036854775806")).toBeGreaterThan(0);
  });

  it("handles negatives and leading zeros", () => {
    expect(compareInt64("-1", "0")).toBeLessThan(0);
    expect(compareInt64("-10", "-9")).toBeLessThan(0);
    expect(compareInt64("007", "7")).toBe(0);
    expect(compareInt64("-0", "0")).toBeLessThan(0);
  });

  it("sorts an array like BigInt comparison would", () => {
    const values = ["10", "-3", "9007199254740993", "0", "2", "9007199254740992"];
    const expected = [...values].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0));
    expect([...values].sort(compareInt64)).toEqual(expected);
  });
});

describe("sumInt64", () => {
  it("adds without losing precision", () => {
    expect(sumInt64(["9007199254740992", "1", "1"])).toBe("9007199254740994");
  });

  it("is 0 for nothing", () => {
    expect(sumInt64([])).toBe("0");
  });
});

describe("formatInt64", () => {
  it("groups thousands", () => {
    expect(formatInt64("0")).toBe("0");
    expect(formatInt64("999")).toBe("999");
    expect(formatInt64("1000")).toBe("1,000");
    expect(formatInt64("1234567")).toBe("1,234,567");
    expect(formatInt64("9223372036854775807")).toBe("9,223,372,036,854,775,807");
  });

  it("keeps the sign and drops leading zeros", () => {
    expect(formatInt64("-1234")).toBe("-1,234");
    expect(formatInt64("0001234")).toBe("1,234");
    expect(formatInt64("-0")).toBe("0");
  });

  it("returns anything else unchanged", () => {
    expect(formatInt64("abc")).toBe("abc");
    expect(formatInt64("")).toBe("");
  });

  it("formats small counts the same way", () => {
    expect(formatCount(12000)).toBe("12,000");
  });
});
