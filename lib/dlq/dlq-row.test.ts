import { describe, expect, it } from "vitest";
import { dlqRow, unparsedRow } from "./dlq-row";
import { failureFingerprint } from "./fingerprint";
import { int, long, str } from "./java-header.fixture";

describe("dlqRow", () => {
  it("stores the exact bytes, headers in order as base64, and the parsed Spring failure", () => {
    const headers = [
      str("kafka_dlt-original-topic", "orders"),
      int("kafka_dlt-original-partition", 2),
      long("kafka_dlt-original-offset", 9007199254740993n),
      str("kafka_dlt-exception-fqcn", "com.shop.OrderNotFound"),
      str("kafka_dlt-exception-message", "Order 123 not found"),
      { key: "trace", value: null },
      str("x-redrive-source", "orders.DLT/0/41"),
    ];
    const row = dlqRow({
      cluster: "default",
      topic: "orders.DLT",
      partition: 0,
      offset: 42n,
      timestampMs: 1795433550605n,
      key: Buffer.alloc(0),
      value: Buffer.from([0xc3, 0x28]),
      headers,
    });
    expect(row).toMatchObject({
      offset: 42n,
      timestamp: new Date(1795433550605),
      valueSize: 2,
      convention: "spring-dlt",
      exceptionClass: "com.shop.OrderNotFound",
      failureMessage: "Order 123 not found",
      originalTopic: "orders",
      originalPartition: 2,
      originalOffset: 9007199254740993n,
      redriveSource: "orders.DLT/0/41",
      fingerprint: failureFingerprint({
        exceptionClass: "com.shop.OrderNotFound",
        message: "Order 987 not found",
        originalTopic: "orders",
      }),
    });
    expect(row.key).toEqual(Buffer.alloc(0));
    expect(row.headers.map((h) => h.key)).toEqual(headers.map((h) => h.key));
    expect(row.headers[5]).toEqual({ key: "trace", value: null });
    expect(Buffer.from(row.headers[1]!.value!, "base64")).toEqual(headers[1]!.value);
  });

  it("keeps a tombstone a tombstone and an unrecognised record unknown", () => {
    const row = dlqRow({ cluster: "c", topic: "t-dlq", partition: 1, offset: 0n, timestampMs: 0n, key: null, value: null, headers: [] });
    expect(row).toMatchObject({ value: null, key: null, valueSize: 0, convention: "unknown", exceptionClass: null, redriveSource: null });
  });

  it("gives every text column a display-safe copy of NUL and lone surrogates, and keeps the raw bytes", () => {
    const headers = [
      str("kafka_dlt-exception-fqcn", "com.shop.Bad\u0000Class"),
      str("kafka_dlt-exception-message", "bad\u0000nul"),
      str("kafka_dlt-exception-stacktrace", "at x\u0000y"),
      str("kafka_dlt-original-topic", "or\u0000ders"),
      { key: "k\u0000ey", value: Buffer.from([0x00]) },
      { key: "bad\ufffdkey", value: null, rawKey: Buffer.from([0x62, 0x61, 0x64, 0xff, 0x6b, 0x65, 0x79]) },
    ];
    const row = dlqRow({
      cluster: "c",
      topic: "t.DLT",
      partition: 0,
      offset: 1n,
      timestampMs: 0n,
      key: Buffer.from([0]),
      value: Buffer.from("v\u0000"),
      headers,
    });
    expect(row).toMatchObject({
      exceptionClass: "com.shop.Bad\ufffdClass",
      failureMessage: "bad\ufffdnul",
      stacktrace: "at x\ufffdy",
      originalTopic: "or\ufffdders",
      unparsedReason: null,
      fingerprint: failureFingerprint({
        exceptionClass: "com.shop.Bad\ufffdClass",
        message: "bad\ufffdnul",
        originalTopic: "or\ufffdders",
      }),
    });
    expect(row.searchText).not.toContain("\u0000");
    expect(row.headers[4]).toEqual({ key: "k\ufffdey", value: "AA==", rawKey: Buffer.from("k\u0000ey").toString("base64") });
    expect(row.headers[5]).toEqual({
      key: "bad\ufffdkey",
      value: null,
      rawKey: Buffer.from([0x62, 0x61, 0x64, 0xff, 0x6b, 0x65, 0x79]).toString("base64"),
    });
    expect(row.headers[0]).not.toHaveProperty("rawKey");
    expect(row.value).toEqual(Buffer.from("v\u0000"));
  });

  it("stores a record as unparsed with its reason, with or without its bytes", () => {
    const record = {
      cluster: "c",
      topic: "t.DLT",
      partition: 2,
      offset: 7n,
      timestampMs: 5n,
      key: Buffer.from("k"),
      value: Buffer.from("v"),
      headers: [str("a", "1")],
    };
    const kept = unparsedRow(record, "invalid byte sequence \u0000");
    expect(kept).toMatchObject({
      partition: 2,
      offset: 7n,
      key: Buffer.from("k"),
      value: Buffer.from("v"),
      unparsedReason: "invalid byte sequence \ufffd",
      convention: "unknown",
    });
    expect(kept.failureMessage).toBe("Record stored unparsed: invalid byte sequence \ufffd");
    expect(kept.headers).toEqual([{ key: "a", value: Buffer.from("1").toString("base64") }]);
    const bare = unparsedRow(record, "x".repeat(5_000), false);
    expect(bare).toMatchObject({ key: null, value: null, headers: [], valueSize: 0, offset: 7n });
    expect(bare.unparsedReason!.length).toBeLessThan(1_010);
    expect(bare.fingerprint).toBe(kept.fingerprint);
  });

  it("stores a record whose timestamp no date can hold as unparsed, naming the timestamp", () => {
    const row = dlqRow({
      cluster: "c",
      topic: "t.DLT",
      partition: 0,
      offset: 3n,
      timestampMs: 9_000_000_000_000_000n,
      key: null,
      value: Buffer.from("v"),
      headers: [],
    });
    expect(row).toMatchObject({
      offset: 3n,
      timestamp: new Date(0),
      value: Buffer.from("v"),
      unparsedReason: "its timestamp 9000000000000000 is out of range",
    });
  });

  it("stores a record it cannot read as unparsed with the reason instead of throwing", () => {
    const unreadable = {
      key: "trace",
      get value(): Buffer {
        throw new Error("boom");
      },
    };
    const row = dlqRow({
      cluster: "c",
      topic: "t.DLT",
      partition: 1,
      offset: 9n,
      timestampMs: 1n,
      key: Buffer.from("k"),
      value: null,
      headers: [unreadable],
    });
    expect(row).toMatchObject({ partition: 1, offset: 9n, key: null, headers: [], unparsedReason: "parsing failed: boom" });
  });
});
