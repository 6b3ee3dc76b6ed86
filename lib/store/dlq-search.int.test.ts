// Text search across its two tables, on PGlite and PostgreSQL: a record is found the moment it is stored (its
// search text still pending), found exactly once while and after the search indexer moves it into the trigram
// index, a replay adds no second copy, and a triaged record's status change leaves the search tables alone.
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { dlqRow } from "@/lib/dlq/dlq-row";
import { storeBackends } from "@/test/store-backends";
import { listMessages, type MessageListQuery } from "./dlq-message-queries";
import { storeDlqRows } from "./dlq-messages";
import { indexPendingSearchText, pendingSearchCount, SearchIndexer } from "./dlq-search";
import { resolveMessage } from "./dlq-status";
import { openStore, type Store } from "./open-store";

const backends = await storeBackends();

const record = (offset: bigint, key: string, value: string, message = "Order not found") =>
  dlqRow({
    cluster: "default",
    topic: "orders.DLT",
    partition: Number(offset % 2n),
    offset,
    timestampMs: 1_000n + offset,
    key: Buffer.from(key),
    value: Buffer.from(value),
    headers: [
      { key: "kafka_dlt-exception-fqcn", value: Buffer.from("com.shop.OrderNotFound") },
      { key: "kafka_dlt-exception-message", value: Buffer.from(message) },
    ],
  });

const search = async (store: Store, q: string, extra: Partial<MessageListQuery> = {}) =>
  (await listMessages(store, { cluster: "default", topic: "orders.DLT", q, order: "newest", limit: 100, ...extra })).rows.map(
    (r) => r.offset,
  );

const counts = async (store: Store) => {
  const result = await store.db.execute(
    sql`select (select count(*) from dlq_search)::int as indexed, (select count(*) from dlq_search_pending)::int as pending`,
  );
  return (result as unknown as { rows: { indexed: number; pending: number }[] }).rows[0]!;
};

describe.each(backends)("text search on $name", (backend) => {
  it("finds records just stored, exactly once while and after they move into the trigram index", async () => {
    const target = await backend.create();
    const store = await openStore(target);
    try {
      const rows = Array.from({ length: 30 }, (_, i) => record(BigInt(i), `order-${i}`, JSON.stringify({ customer: `cust-${i % 3}` })));
      rows.push(record(30n, "order-30", '{"note":"needle in the value"}', "Payment 7 declined"));
      expect(await storeDlqRows(store, rows)).toBe(31);
      expect(await counts(store)).toEqual({ indexed: 0, pending: 31 });

      // Not indexed yet, found all the same: in the key, the value, the exception and the failure message.
      expect(await search(store, "NEEDLE")).toEqual([30n]);
      expect(await search(store, "order-3")).toEqual([30n, 3n]);
      expect(await search(store, "cust-1")).toHaveLength(10);
      expect(await search(store, "Payment 7")).toEqual([30n]);
      expect(await search(store, "OrderNotFound", { limit: 5 })).toEqual([30n, 29n, 28n, 27n, 26n]);

      // Half moved: each record is in exactly one of the two tables, and found once, in list order.
      expect(await indexPendingSearchText(store, 15)).toBe(15);
      expect(await counts(store)).toEqual({ indexed: 15, pending: 16 });
      expect(await search(store, "cust-1")).toEqual([28n, 25n, 22n, 19n, 16n, 13n, 10n, 7n, 4n, 1n]);
      expect(await search(store, "OrderNotFound", { order: "oldest", limit: 3 })).toEqual([0n, 1n, 2n]);

      // A replay stores nothing and queues no second search text; triage does not touch the search tables.
      expect(await storeDlqRows(store, rows)).toBe(0);
      await store.db.transaction((tx) =>
        resolveMessage(tx, { cluster: "default", topic: "orders.DLT", partition: 0, offset: 30n }, "discarded"),
      );
      expect(await counts(store)).toEqual({ indexed: 15, pending: 16 });

      // The background indexer drains the rest; searches are unchanged, filters still apply.
      const indexer = new SearchIndexer(store, { idleMs: 20 });
      indexer.start();
      for (let i = 0; i < 200 && (await pendingSearchCount(store)) > 0; i++) await new Promise((r) => setTimeout(r, 25));
      await indexer.stop();
      expect(await counts(store)).toEqual({ indexed: 31, pending: 0 });
      expect(await search(store, "cust-1")).toEqual([28n, 25n, 22n, 19n, 16n, 13n, 10n, 7n, 4n, 1n]);
      expect(await search(store, "NEEDLE")).toEqual([30n]);
      expect(await search(store, "NEEDLE", { status: "pending" })).toEqual([]);
      expect(await search(store, "no such text")).toEqual([]);
    } finally {
      await store.close();
      await target.dispose();
    }
  });
});
