// The store's statement timeout on real PostgreSQL: a DLQ read that waits past it (here on a table lock another
// connection holds) answers 503 naming what it was reading, while the bulk writes that lift it wait as long as needed.
import { sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dlqRow } from "@/lib/dlq/dlq-row";
import { callGet } from "@/test/api-client";
import { storeBackends } from "@/test/store-backends";

const postgres = (await storeBackends()).find((backend) => backend.name === "postgres");
if (!postgres) throw new Error("PostgreSQL does not answer: the statement timeout is PostgreSQL's");
const database = await postgres.create();
process.env.DATABASE_URL = database.databaseUrl;
process.env.REDRIVE_STATEMENT_TIMEOUT_MS = "500";

const { getStore } = await import("@/lib/store/store");
const { storeDlqRows } = await import("@/lib/store/dlq-messages");
const { isQueryCanceled, liftStatementTimeout } = await import("@/lib/store/store-timeout");
const listRoute = await import("./[topic]/messages/route");
const detailsRoute = await import("./[topic]/messages/[partition]/[offset]/route");

const topic = "orders.timeout.DLT";
const params = { cluster: "default", topic };
const row = (offset: bigint) =>
  dlqRow({ cluster: "default", topic, partition: 0, offset, timestampMs: 1_000n, key: null, value: Buffer.from("{}"), headers: [] });
const listPath = `/api/clusters/default/dlqs/${topic}/messages`;
const getOne = () => callGet(detailsRoute.GET, `${listPath}/0/0`, { ...params, partition: "0", offset: "0" });

/** Another connection holding an ACCESS EXCLUSIVE lock on dlq_message until `release`: every read of it waits. */
async function lockMessages() {
  const client = new pg.Client({ connectionString: database.databaseUrl });
  await client.connect();
  await client.query("begin");
  await client.query("lock table dlq_message in access exclusive mode");
  return async () => {
    await client.query("rollback");
    await client.end();
  };
}

beforeAll(async () => {
  await storeDlqRows(await getStore(), [row(0n)]);
  // The first call also creates the caller's token, which the locked table must not hold up.
  expect((await callGet(listRoute.GET, listPath, params)).status).toBe(200);
}, 60_000);

afterAll(async () => {
  await (await getStore()).close();
  await database.dispose();
});

describe("the statement timeout", () => {
  it("answers 503 naming what was being read when a DLQ read runs past it", async () => {
    const release = await lockMessages();
    try {
      const list = await callGet(listRoute.GET, listPath, params);
      expect(list.status).toBe(503);
      const message = `Reading the messages of DLQ "${topic}" took longer than 500 ms`;
      expect(await list.json()).toEqual({ error: { code: "store_unavailable", message } });
      const one = await getOne();
      expect(one.status).toBe(503);
      const answer = (await one.json()) as { error: { message: string } };
      expect(answer.error.message).toBe(`Reading message 0/0 of DLQ "${topic}" took longer than 500 ms`);
    } finally {
      await release();
    }
    expect((await callGet(listRoute.GET, listPath, params)).status).toBe(200);
    const again = await getOne();
    expect(((await again.json()) as { value: { base64: string } }).value.base64).toBe(Buffer.from("{}").toString("base64"));
  });

  it("is lifted for the indexer's writes: a batch waits out a lock longer than the timeout and is stored", async () => {
    const store = await getStore();
    const release = await lockMessages();
    const storing = storeDlqRows(store, [row(1n), row(2n)]);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await release();
    expect(await storing).toBe(2);
  });

  it("is lifted for one transaction only: the connection's next statement is under it again", async () => {
    const store = await getStore();
    await store.db.transaction(async (tx) => {
      await liftStatementTimeout(tx);
      await tx.execute(sql`select pg_sleep(0.8)`);
    });
    const cut = await store.db.execute(sql`select pg_sleep(0.8)`).then(
      () => null,
      (error: unknown) => error,
    );
    expect(isQueryCanceled(cut)).toBe(true);
  });
});
