// A DLQ topic created again over stored records, in the store: its new records are refused (never dropped in favour
// of the old ones) until the old DLQ is forgotten, which is refused while anything is left to triage and audited,
// and a record the indexer stores while a forget runs is never dropped with the old ones.
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { actorFor } from "@/lib/auth/actor";
import { dlqRow } from "@/lib/dlq/dlq-row";
import { auditLog } from "@/lib/store/audit-schema";
import { storeDlqRows } from "@/lib/store/dlq-messages";
import { RecreatedTopicError } from "@/lib/dlq/recreated-topic-error";
import { dlqMessage } from "@/lib/store/dlq-schema";
import type { Store } from "@/lib/store/open-store";
import { openTestStore, storeBackends } from "@/test/store-backends";
import { forgetDlq } from "./forget-dlq";
import { controlJob, createJob } from "./jobs";
import { discard } from "./single-actions";

const backends = await storeBackends();
const operator = actorFor("user", "u1", "olga", "operator", "127.0.0.1");
const where = { cluster: "default", topic: "orders.DLT" };

const record = (offset: number, value: string, timestampMs: bigint) =>
  dlqRow({
    ...where,
    partition: 0,
    offset: BigInt(offset),
    timestampMs,
    key: Buffer.from(`order-${offset}`),
    value: Buffer.from(value),
    headers: [{ key: "kafka_dlt-exception-fqcn", value: Buffer.from("com.shop.OrderNotFound") }],
  });
const oldTopic = [0, 1, 2].map((i) => record(i, `old-${i}`, 1_796_000_000_000n + BigInt(i)));
const newTopic = [0, 1, 2, 3].map((i) => record(i, `new-${i}`, 1_796_100_000_000n + BigInt(i)));

const values = async (store: Store) =>
  (
    await store.db
      .select({ value: dlqMessage.value })
      .from(dlqMessage)
      .where(and(eq(dlqMessage.cluster, where.cluster), eq(dlqMessage.topic, where.topic)))
      .orderBy(dlqMessage.offset)
  ).map((r) => r.value?.toString());
/**
 * Resolves once `work` is done or waits for an advisory lock in this database (PostgreSQL, seen from a third
 * connection). PGlite has one connection, which the forget's transaction holds until it ends: anything else waits
 * for it, so a moment is enough there.
 */
async function doneOrWaitingForLock(store: Store, work: Promise<unknown>): Promise<void> {
  let done = false;
  const finished = work.then(
    () => void (done = true),
    () => void (done = true),
  );
  if (store.kind === "pglite") return Promise.race([finished, new Promise<void>((resolve) => setTimeout(resolve, 200))]);
  while (!done) {
    const result = await store.db.execute(sql`
      select count(*)::int as waiting from pg_locks
      where locktype = 'advisory' and not granted and database = (select oid from pg_database where datname = current_database())`);
    if ((result as unknown as { rows: { waiting: number }[] }).rows[0]!.waiting > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const conflict = (message: RegExp) => expect.objectContaining({ kind: "conflict", message: expect.stringMatching(message) });

describe.each(backends)("a recreated DLQ topic on $name", (backend) => {
  it("refuses the new records, and takes them once the triaged old DLQ is forgotten", async () => {
    const { store, dispose } = await openTestStore(backend);
    try {
      await storeDlqRows(store, oldTopic);
      // A replay of the same records is no conflict.
      expect(await storeDlqRows(store, oldTopic.slice(1))).toBe(0);

      const refused = await storeDlqRows(store, newTopic).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(RecreatedTopicError);
      expect(refused).toMatchObject({
        partition: 0,
        message: expect.stringContaining("holds another record at partition 0, offset 0 than the one stored"),
      });
      expect((refused as Error).message).toContain("npm run redrive -- dlq forget --cluster default --topic orders.DLT");
      // Nothing of the chunk went in: offset 3, new, is not stored either.
      expect(await values(store)).toEqual(["old-0", "old-1", "old-2"]);

      await expect(forgetDlq(store, operator, where)).rejects.toEqual(conflict(/^3 records of "orders\.DLT" are still pending/));
      // A job created (and not run, so it has claimed nothing) while the records are discarded one by one.
      const { jobId } = await createJob(
        store,
        where,
        { action: "discard", filter: {}, reason: "topic recreated" },
        operator,
        async () => new Set(),
      );
      for (const offset of [0n, 1n])
        await discard(store, { key: { ...where, partition: 0, offset }, actor: operator, reason: "topic recreated" });
      await expect(forgetDlq(store, operator, where)).rejects.toEqual(conflict(/^1 record of "orders\.DLT" is still pending/));
      await discard(store, { key: { ...where, partition: 0, offset: 2n }, actor: operator, reason: "topic recreated" });
      await expect(forgetDlq(store, operator, where)).rejects.toEqual(
        conflict(new RegExp(`^Job ${jobId} on "orders\\.DLT" has not finished`)),
      );
      await controlJob(store, jobId, "cancel", operator);

      expect(await forgetDlq(store, operator, where)).toEqual({ records: 3, redelivered: 0, discarded: 3 });
      expect(await values(store)).toEqual([]);
      const [entry] = await store.db.select().from(auditLog).where(eq(auditLog.action, "dlq.forget"));
      expect(entry).toMatchObject({
        actor: "olga",
        cluster: "default",
        topic: "orders.DLT",
        details: { records: 3, redelivered: 0, discarded: 3 },
      });
      await expect(forgetDlq(store, operator, where)).rejects.toMatchObject({ kind: "not_found" });

      expect(await storeDlqRows(store, newTopic)).toBe(4);
      expect(await values(store)).toEqual(["new-0", "new-1", "new-2", "new-3"]);
      const [group] = (
        (await store.db.execute(sql`select count::int, pending::int from dlq_failure_group where topic = 'orders.DLT'`)) as unknown as {
          rows: { count: number; pending: number }[];
        }
      ).rows;
      expect(group).toEqual({ count: 4, pending: 4 });
    } finally {
      await dispose();
    }
  }, 60_000);

  it("keeps a record stored between the forget's check and its delete: the store waits for the forget, then goes in pending", async () => {
    const { store, dispose } = await openTestStore(backend);
    try {
      const raced = { cluster: "default", topic: "raced.DLT" };
      const at = (offset: number, value: string) =>
        dlqRow({
          ...raced,
          partition: 0,
          offset: BigInt(offset),
          timestampMs: 1_796_200_000_000n,
          key: null,
          value: Buffer.from(value),
          headers: [{ key: "kafka_dlt-exception-fqcn", value: Buffer.from("com.shop.OrderNotFound") }],
        });
      await storeDlqRows(store, [at(0, "old-0")]);
      await discard(store, { key: { ...raced, partition: 0, offset: 0n }, actor: operator, reason: "old" });

      let storing: Promise<number> | undefined;
      const forgotten = await forgetDlq(store, operator, raced, {
        // The indexer stores a new pending record right after the check found nothing pending.
        afterCheck: async () => {
          storing = storeDlqRows(store, [at(1, "new-1")]);
          await doneOrWaitingForLock(store, storing);
        },
      });
      expect(forgotten).toEqual({ records: 1, redelivered: 0, discarded: 1 });
      expect(await storing).toBe(1);
      const rows = await store.db
        .select({ offset: dlqMessage.offset, status: dlqMessage.status })
        .from(dlqMessage)
        .where(eq(dlqMessage.topic, raced.topic));
      expect(rows).toEqual([{ offset: 1n, status: "pending" }]);
      const groups = await store.db.execute(sql`select count::int, pending::int from dlq_failure_group where topic = 'raced.DLT'`);
      const [group] = (groups as unknown as { rows: { count: number; pending: number }[] }).rows;
      expect(group).toEqual({ count: 1, pending: 1 });
      await expect(forgetDlq(store, operator, raced)).rejects.toEqual(conflict(/^1 record of "raced\.DLT" is still pending/));
    } finally {
      await dispose();
    }
  }, 60_000);
});
