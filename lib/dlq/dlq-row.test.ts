import { describe, expect, it } from "vitest";
import { dlqRow } from "./dlq-row";
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
      fingerprint: failureFingerprint({ exceptionClass: "com.shop.OrderNotFound", message: "Order 987 not found", originalTopic: "orders" }),
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
});
