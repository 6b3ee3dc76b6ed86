// Storing indexed records: new chunks are copied straight in, chunks that overlap stored records are merged, and
// a writer that stores the same records in between (two indexer instances on one partition) changes nothing.
import { sql } from "drizzle-orm";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { dlqRow } from "@/lib/dlq/dlq-row";
import { openTestStore, storeBackends } from "@/test/store-backends";
import { storeDlqRows } from "./dlq-messages";
import { failureGroups } from "./dlq-queries";
import { openStore, type Store } from "./open-store";

const backends = await storeBackends();

const failed = (partition: number, offset: bigint) =>
  dlqRow({
    cluster: "default",
    topic: "orders.DLT",
    partition,
    offset,
    timestampMs: 1_796_000_000_000n + offset,
    key: Buffer.from(`order-${offset}`),
    value: Buffer.from(`{"orderId":${offset}}`),
    headers: [
      { key: "kafka_dlt-original-topic", value: Buffer.from("orders") },
      { key: "kafka_dlt-exception-fqcn", value: Buffer.from("com.shop.OrderNotFound") },
      { key: "kafka_dlt-exception-message", value: Buffer.from(`Order ${offset} not found`) },
    ],
  });

const range = (partition: number, from: number, to: number) =>
  Array.from({ length: to - from }, (_, i) => failed(partition, BigInt(from + i)));

async function counts(store: Store) {
  const one = async (table: string) => {
    const result = await store.db.execute(
      sql.raw(`select count(*)::int as n from ${table} where cluster = 'default' and topic = 'orders.DLT'`),
    );
    return (result as unknown as { rows: { n: number }[] }).rows[0]!.n;
  };
  const [group] = (await failureGroups(store, "default", "orders.DLT")).groups;
  return {
    records: await one("dlq_message"),
    searchable: (await one("dlq_search_pending")) + (await one("dlq_search")),
    grouped: group?.count ?? 0,
  };
}

describe.each(backends)("storeDlqRows on $name", (backend) => {
  it("stores a chunk that partly overlaps stored records once: only the new ones are stored, counted and searchable", async () => {
    const { store, dispose } = await openTestStore(backend);
    try {
      expect(await storeDlqRows(store, [...range(0, 0, 10), ...range(1, 0, 5)])).toBe(15);
      // Partition 0 overlaps at 5..9, partition 1 is all new; the chunk is stored as one.
      expect(await storeDlqRows(store, [...range(0, 5, 20), ...range(1, 5, 8)])).toBe(13);
      expect(await counts(store)).toEqual({ records: 28, searchable: 28, grouped: 28 });
      // A chunk out of order with a gap in it: the stored record in the middle of its range is found.
      expect(await storeDlqRows(store, [failed(1, 30n), failed(1, 3n), failed(1, 31n)])).toBe(2);
      expect(await counts(store)).toEqual({ records: 30, searchable: 30, grouped: 30 });
    } finally {
      await dispose();
    }
  });

  it("says after each chunk but the last how far it has stored, once that chunk is in the store", async () => {
    const { store, dispose } = await openTestStore(backend);
    try {
      const reported: { offset: bigint; records: number }[] = [];
      const rows = range(0, 0, 4_100);
      expect(
        await storeDlqRows(store, rows, async (row) => void reported.push({ offset: row.offset, records: (await counts(store)).records })),
      ).toBe(4_100);
      // Chunks of 2,000 rows: the first two are reported (with everything up to them stored), the last is not.
      expect(reported).toEqual([
        { offset: 1_999n, records: 2_000 },
        { offset: 3_999n, records: 4_000 },
      ]);
    } finally {
      await dispose();
    }
  });

  it("stores a record the store refuses as unparsed with the store's reason, and the chunk's other records whole", async () => {
    const { store, dispose } = await openTestStore(backend);
    try {
      // A row built past the domain's display-safe copy: PostgreSQL refuses NUL in text, on every retry.
      const refused = { ...failed(0, 1n), failureMessage: "bad\u0000nul" };
      expect(await storeDlqRows(store, [failed(0, 0n), refused, failed(0, 2n)])).toBe(3);
      const rows = await store.db.execute(sql`
        select "offset"::int as "offset", encode(key, 'escape') as key, failure_message, unparsed_reason from dlq_message
        where cluster = 'default' and topic = 'orders.DLT' order by "offset"`);
      const [first, unparsed, last] = (
        rows as unknown as { rows: { offset: number; key: string; failure_message: string; unparsed_reason: string | null }[] }
      ).rows;
      expect(first).toMatchObject({ offset: 0, unparsed_reason: null, failure_message: "Order 0 not found" });
      expect(unparsed).toMatchObject({ offset: 1, key: "order-1" });
      expect(unparsed!.unparsed_reason).toMatch(/^the store refused the record: .*(0x00|\\u0000)/);
      expect(unparsed!.failure_message).toBe(`Record stored unparsed: ${unparsed!.unparsed_reason}`);
      expect(last).toMatchObject({ offset: 2, unparsed_reason: null });
      expect(await counts(store)).toEqual({ records: 3, searchable: 3, grouped: 2 });
    } finally {
      await dispose();
    }
  });

  it("throws when the store is down instead of storing records as unparsed", async () => {
    const { store, dispose } = await openTestStore(backend);
    await store.close();
    try {
      await expect(storeDlqRows(store, [failed(0, 0n)])).rejects.toThrow();
    } finally {
      await dispose().catch(() => undefined);
    }
  });
});

// PGlite runs one transaction at a time, so only PostgreSQL can have another writer in between.
describe.each(backends.filter((backend) => backend.name === "postgres"))("storeDlqRows beside another writer on $name", (backend) => {
  it("merges a chunk afresh when another writer stores some of its records between the check and the copy", async () => {
    const target = await backend.create();
    const store = await openStore(target);
    const other = new pg.Client({ connectionString: target.databaseUrl });
    await other.connect();
    try {
      // The other writer's record is not committed yet, so the chunk looks new; its copy waits on that row's key. It is
      // the same record (same timestamp, key and value), marked by its fingerprint to tell whose row is kept.
      await other.query("begin");
      await other.query(`insert into dlq_message (cluster, topic, partition, "offset", timestamp, key, value, value_size, headers, convention, fingerprint)
        values ('default', 'orders.DLT', 0, 2, 'epoch'::timestamptz + interval '1796000000002 milliseconds', convert_to('order-2', 'UTF8'),
          convert_to('{"orderId":2}', 'UTF8'), 13, '[]', 'unknown', 'other-writer')`);
      const storing = storeDlqRows(store, range(0, 0, 4));
      const watcher = new pg.Client({ connectionString: target.databaseUrl });
      await watcher.connect();
      try {
        for (let waited = 0; ; waited += 50) {
          const { rows } = await watcher.query<{ n: number }>(
            "select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'",
          );
          if (rows[0]!.n > 0) break;
          if (waited > 10_000) throw new Error("the chunk's copy never waited on the other writer's record");
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      } finally {
        await watcher.end();
      }
      await other.query("commit");
      expect(await storing).toBe(3);
      expect(await counts(store)).toEqual({ records: 4, searchable: 3, grouped: 3 });
      const { rows } = await other.query<{ fingerprint: string }>(`select fingerprint from dlq_message where "offset" = 2`);
      expect(rows).toEqual([{ fingerprint: "other-writer" }]);
    } finally {
      await other.end();
      await store.close();
      await target.dispose();
    }
  });
});
