// DLQ summaries from the store, on PGlite and PostgreSQL.
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { dlqRow } from "@/lib/dlq/dlq-row";
import { storeBackends } from "@/test/store-backends";
import { storeDlqRows } from "./dlq-messages";
import { summariseDlqs } from "./dlq-queries";
import { dlqMessage } from "./dlq-schema";
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
      await store.db.update(dlqMessage).set({ status: "discarded" }).where(and(eq(dlqMessage.topic, "orders.DLT"), eq(dlqMessage.offset, 0n)));
      await store.db.update(dlqMessage).set({ status: "redelivered" }).where(eq(dlqMessage.topic, "payments-dlq"));

      expect(await summariseDlqs(store, "default")).toEqual([
        { topic: "orders.DLT", total: "3", pending: "2", redelivered: "0", discarded: "1", oldestPendingAt: new Date(2_000).toISOString() },
        { topic: "payments-dlq", total: "1", pending: "0", redelivered: "1", discarded: "0", oldestPendingAt: null },
      ]);
      expect(await summariseDlqs(store, "nowhere")).toEqual([]);
    } finally {
      await store.close();
      await target.dispose();
    }
  });
});
