import { describe, expect, it } from "vitest";
import { readCount, readOffset, readPartition, readTimestamp } from "./header-number";
import { javaInt as int32, javaLong as int64 } from "./java-header.fixture";

const text = (s: string) => Buffer.from(s);

describe("readPartition", () => {
  it("reads Spring's 4-byte big-endian int and decimal text", () => {
    expect(readPartition(int32(7), "binary")).toBe(7);
    expect(readPartition(int32(2_147_483_647), "binary")).toBe(2_147_483_647);
    expect(readPartition(text("7"), "binary")).toBe(7);
    expect(readPartition(text("12"), "decimal")).toBe(12);
  });

  it("refuses other widths, negatives, overflow and binary in a decimal convention", () => {
    expect(readPartition(Buffer.from([0, 0, 7]), "binary")).toBeNull();
    expect(readPartition(int32(-1), "binary")).toBeNull();
    expect(readPartition(text("2147483648"), "decimal")).toBeNull();
    expect(readPartition(int32(7), "decimal")).toBeNull();
    expect(readPartition(text("7x"), "decimal")).toBeNull();
    expect(readPartition(Buffer.alloc(0), "decimal")).toBeNull();
    expect(readPartition(null, "binary")).toBeNull();
  });
});

describe("readOffset", () => {
  it("keeps an offset above 2^53 exact", () => {
    expect(readOffset(int64(9_007_199_254_740_993n), "binary")).toBe("9007199254740993");
    expect(readOffset(text("9223372036854775807"), "decimal")).toBe("9223372036854775807");
  });

  it("normalises leading zeros and refuses values beyond int64", () => {
    expect(readOffset(text("00042"), "decimal")).toBe("42");
    expect(readOffset(text("9223372036854775808"), "decimal")).toBeNull();
    expect(readOffset(text("1".repeat(10_000)), "decimal")).toBeNull();
  });

  it("refuses Kafka's -1 and a 4-byte offset", () => {
    expect(readOffset(int64(-1n), "binary")).toBeNull();
    expect(readOffset(int32(5), "binary")).toBeNull();
  });
});

describe("readTimestamp", () => {
  it("turns milliseconds since the epoch into ISO UTC", () => {
    expect(readTimestamp(int64(1_795_426_200_000n), "binary")).toBe("2026-11-23T09:30:00.000Z");
    expect(readTimestamp(text("0"), "decimal")).toBe("1970-01-01T00:00:00.000Z");
  });

  it("returns null for values no Date can hold rather than throwing", () => {
    expect(readTimestamp(int64(9_000_000_000_000_000_000n), "binary")).toBeNull();
    expect(readTimestamp(int64(-1n), "binary")).toBeNull();
  });
});

describe("readCount", () => {
  it("reads Spring's old 1-byte and current 4-byte attempts, and text", () => {
    expect(readCount(Buffer.from([3]), "binary")).toBe(3);
    expect(readCount(int32(4), "binary")).toBe(4);
    expect(readCount(text("5"), "decimal")).toBe(5);
  });

  it("refuses 8 bytes and negatives", () => {
    expect(readCount(int64(3n), "binary")).toBeNull();
    expect(readCount(Buffer.from([0xff]), "binary")).toBeNull();
  });
});
