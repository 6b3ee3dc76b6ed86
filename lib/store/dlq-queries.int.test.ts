// DLQ summaries from the store, on PGlite and PostgreSQL.
import { describe, expect, it } from "vitest";
import { dlqRow } from "@/lib/dlq/dlq-row";
import { storeBackends } from "@/test/store-backends";
import { storeDlqRows } from "./dlq-messages";
import { failureGroups, summariseDlq, summariseDlqs } from "./dlq-queries";
import { resolveMessage } from "./dlq-status";
import { openStore } from "./open-store";

const backends = await storeBackends();

const record = (topic: string, offset: bigint, timestampMs: bigint, cluster = "default") =>
  dlqRow({ cluster, topic, partition: 0, offset, timestampMs, key: null, value: Buffer.from("x"), headers: [] });

describe.each(backends)("summariseDlqs on $name", (backend) => {
  it("counts records by status per topic, with the oldest pending time, for one cluster only", async () => {
    const target = await backend.create();
    const store = await openStore(target);
    try {
      await storeDlqRows(store, [
        record("orders.DLT", 0n, 1_000n),
        record("orders.DLT", 1n, 2_000n),
        record("orders.DLT", 2n, 3_000n),
        record("payments-dlq", 0n, 5_000n),
        record("orders.DLT", 0n, 9_000n, "other-cluster"),
      ]);
      await store.db.transaction((tx) =>
        resolveMessage(tx, { cluster: "default", topic: "orders.DLT", partition: 0, offset: 0n }, "discarded"),
      );
      await store.db.transaction((tx) =>
        resolveMessage(tx, { cluster: "default", topic: "payments-dlq", partition: 0, offset: 0n }, "redelivered"),
      );
      // Resolving twice changes nothing.
      expect(
        await store.db.transaction((tx) =>
          resolveMessage(tx, { cluster: "default", topic: "payments-dlq", partition: 0, offset: 0n }, "discarded"),
        ),
      ).toBe(false);

      expect(await summariseDlqs(store, "default")).toEqual([
        { topic: "orders.DLT", total: "3", pending: "2", redelivered: "0", discarded: "1", oldestPendingAt: new Date(2_000).toISOString() },
        { topic: "payments-dlq", total: "1", pending: "0", redelivered: "1", discarded: "0", oldestPendingAt: null },
      ]);
      expect(await summariseDlqs(store, "nowhere")).toEqual([]);
      expect(await summariseDlq(store, "default", "payments-dlq")).toMatchObject({ total: "1", redelivered: "1" });
      expect(await summariseDlq(store, "default", "unknown.DLT")).toBeNull();
    } finally {
      await store.close();
      await target.dispose();
    }
  });
});

const HOUR = 3_600_000;
const failed = (offset: bigint, timestampMs: number, message: string, exceptionClass = "com.shop.OrderNotFound") =>
  dlqRow({
    cluster: "default",
    topic: "orders.DLT",
    partition: 0,
    offset,
    timestampMs: BigInt(timestampMs),
    key: null,
    value: Buffer.from("{}"),
    headers: [
      { key: "kafka_dlt-original-topic", value: Buffer.from("orders") },
      { key: "kafka_dlt-exception-fqcn", value: Buffer.from(exceptionClass) },
      { key: "kafka_dlt-exception-message", value: Buffer.from(message) },
    ],
  });

describe.each(backends)("failureGroups on $name", (backend) => {
  it("groups by fingerprint with counts, first and last seen and an hourly trend, and counts a replay once", async () => {
    const target = await backend.create();
    const store = await openStore(target);
    try {
      const now = new Date("2026-11-23T12:30:00Z");
      const at = (hoursAgo: number) => now.getTime() - hoursAgo * HOUR;
      const rows = [
        failed(0n, at(30), "Order 1 not found"),
        failed(1n, at(2), "Order 123 not found"),
        failed(2n, at(0), "Order 987 not found"),
        failed(3n, at(1), "Connection refused", "java.net.ConnectException"),
      ];
      await storeDlqRows(store, rows);
      expect(await storeDlqRows(store, rows)).toBe(0);
      await store.db.transaction((tx) =>
        resolveMessage(tx, { cluster: "default", topic: "orders.DLT", partition: 0, offset: 2n }, "discarded"),
      );

      const { groups } = await failureGroups(store, "default", "orders.DLT", { now });
      expect(groups).toHaveLength(2);
      const [orders, connect] = groups;
      expect(orders).toMatchObject({
        exceptionClass: "com.shop.OrderNotFound",
        reason: "Order <n> not found",
        originalTopic: "orders",
        count: 3,
        pending: 2,
        firstSeen: new Date(at(30)).toISOString(),
        lastSeen: new Date(at(0)).toISOString(),
      });
      // 24 hourly buckets ending with the current hour; the record 30 hours ago is outside the window.
      expect(orders!.trend).toHaveLength(24);
      expect(orders!.trend.slice(-3)).toEqual([1, 0, 1]);
      expect(orders!.trend.reduce((a, b) => a + b, 0)).toBe(2);
      expect(connect).toMatchObject({ exceptionClass: "java.net.ConnectException", count: 1, pending: 1 });
      expect(connect!.trend.at(-2)).toBe(1);
      expect(await failureGroups(store, "default", "other.DLT", { now })).toEqual({ groups: [], next: null, total: 0 });
    } finally {
      await store.close();
      await target.dispose();
    }
  });
});
