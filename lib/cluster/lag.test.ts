import { describe, expect, it } from "vitest";
import { messageCount, parseCommittedOffset, partitionLag, totalLag } from "./lag";

describe("partitionLag", () => {
  it("is log end minus committed", () => {
    expect(partitionLag(40n, { low: 0n, high: 42n })).toBe(2n);
  });
  it("is null, not zero, without a committed offset", () => {
    expect(partitionLag(null, { low: 0n, high: 42n })).toBeNull();
    expect(partitionLag(-1n, { low: 0n, high: 42n })).toBeNull();
  });
  it("counts from the log start when the committed offset was deleted", () => {
    expect(partitionLag(3n, { low: 10n, high: 15n })).toBe(5n);
  });
  it("never goes negative", () => {
    expect(partitionLag(20n, { low: 0n, high: 15n })).toBe(0n);
  });
  it("stays exact above 2^53", () => {
    const high = 2n ** 60n + 7n;
    expect(partitionLag(2n ** 60n, { low: 0n, high })).toBe(7n);
  });
});

describe("totalLag", () => {
  it("sums known lags and ignores unknown ones", () => {
    expect(totalLag([1n, null, 4n])).toBe(5n);
  });
  it("is null when no lag is known", () => {
    expect(totalLag([null, null])).toBeNull();
    expect(totalLag([])).toBeNull();
  });
});

describe("messageCount", () => {
  it("sums high minus low", () => {
    expect(
      messageCount([
        { low: 2n, high: 10n },
        { low: 0n, high: 5n },
      ]),
    ).toBe(13n);
  });
});

describe("parseCommittedOffset", () => {
  it("maps Kafka's -1 and empty values to null", () => {
    expect(parseCommittedOffset("-1")).toBeNull();
    expect(parseCommittedOffset("")).toBeNull();
    expect(parseCommittedOffset(undefined)).toBeNull();
    expect(parseCommittedOffset("9007199254740993")).toBe(9007199254740993n);
  });
});
