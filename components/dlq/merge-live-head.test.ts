import { describe, expect, it } from "vitest";
import type { DlqListMessage } from "@/lib/contract/schemas";
import { compareListOrder, hasGapAfterHead, mergeLiveHead, messageKey } from "./merge-live-head";

const message = (offset: number, seconds: number, partition = 0, status: DlqListMessage["status"] = "pending"): DlqListMessage => ({
  topic: "orders.DLT",
  partition,
  offset: String(offset),
  timestamp: new Date(Date.UTC(2026, 10, 23, 9, 0, seconds)).toISOString(),
  key: null,
  value: null,
  failure: {
    convention: "unknown",
    exceptionClass: null,
    message: null,
    causeClass: null,
    originalTopic: null,
    originalPartition: null,
    originalOffset: null,
    originalTimestamp: null,
    consumerGroup: null,
    attempts: null,
    fingerprint: "f",
    unparsedReason: null,
  },
  status,
  delivery: null,
  redriveSource: null,
});

// Offsets 9..0, one second apart: newest first.
const loaded = Array.from({ length: 10 }, (_, i) => message(9 - i, 9 - i));
const keys = (list: readonly DlqListMessage[]) => list.map(messageKey);

describe("mergeLiveHead", () => {
  it("prepends records newer than anything loaded and keeps the rest", () => {
    const head = [message(11, 11), message(10, 10), message(9, 9), message(8, 8)];
    const merged = mergeLiveHead(loaded, head, false);
    expect(keys(merged)).toEqual(["0:11", "0:10", "0:9", "0:8", "0:7", "0:6", "0:5", "0:4", "0:3", "0:2", "0:1", "0:0"]);
    // Rows below the head are the same objects, so memoised rows do not re-render.
    expect(merged[4]).toBe(loaded[2]);
  });

  it("drops loaded rows the head no longer has and takes the head's newer status", () => {
    const head = [message(9, 9, 0, "redelivered"), message(7, 7)];
    const merged = mergeLiveHead(loaded, head, false);
    expect(keys(merged).slice(0, 3)).toEqual(["0:9", "0:7", "0:6"]);
    expect(merged[0]!.status).toBe("redelivered");
  });

  it("places a late record with an old timestamp in order", () => {
    const head = [message(9, 9), message(8, 8), message(1, 7, 1)];
    expect(keys(mergeLiveHead(loaded, head, false)).slice(0, 4)).toEqual(["0:9", "0:8", "1:1", "0:7"]);
  });

  it("a complete head is the whole list; an empty incomplete head changes nothing", () => {
    expect(mergeLiveHead(loaded, [message(3, 3)], true)).toEqual([message(3, 3)]);
    expect(mergeLiveHead(loaded, [], false)).toBe(loaded);
  });
});

describe("hasGapAfterHead", () => {
  it("is a gap when a full head ends above everything loaded, or nothing was loaded", () => {
    expect(hasGapAfterHead(loaded, [message(21, 21), message(20, 20)], false)).toBe(true);
    expect(hasGapAfterHead([], [message(21, 21)], false)).toBe(true);
  });

  it("is no gap when the head reaches the loaded rows or holds every record", () => {
    expect(hasGapAfterHead(loaded, [message(10, 10), message(9, 9)], false)).toBe(false);
    expect(hasGapAfterHead(loaded, [message(21, 21)], true)).toBe(false);
    expect(hasGapAfterHead(loaded, [], false)).toBe(false);
  });
});

describe("compareListOrder", () => {
  it("orders by time, then partition, then offset beyond 2^53, newest first", () => {
    const a = { ...message(0, 1), offset: "9007199254740993" };
    const b = { ...message(0, 1), offset: "9007199254740992" };
    expect(compareListOrder(a, b)).toBeLessThan(0);
    expect(compareListOrder(message(0, 1, 2), message(0, 1, 1))).toBeLessThan(0);
    expect(compareListOrder(message(0, 1), message(0, 2))).toBeGreaterThan(0);
  });
});
