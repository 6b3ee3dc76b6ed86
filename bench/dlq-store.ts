// DLQ browsing at scale: 1,000,000 records in one DLQ, seeded straight into the store (PostgreSQL, then
// PGlite), then the browsing API timed against `next start` on that store, with the server's memory sampled.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { encodeCursor } from "@/lib/api/dlq-params";
import { failureFingerprint } from "@/lib/dlq/fingerprint";
import { rebuildFailureGroups } from "@/lib/store/dlq-messages";
import { openStore, type Store, type StoreOptions } from "@/lib/store/open-store";
import { BenchServer, scratchDatabase, verdict } from "./support";

const RECORDS = Number(process.env.BENCH_DLQ_RECORDS ?? 1_000_000);
const CHUNK = 100_000;
const TOPIC = "orders.DLT";
const PAGE_TARGET_MS = 100;
const GROUPS_TARGET_MS = 300;
const SEARCH_TARGET_MS = 1_000;
const RSS_TARGET_MIB = 500;
const INTERVAL_MS = 2_000;

const EXCEPTIONS = [
  "com.shop.OrderNotFoundException",
  "com.shop.PaymentDeclinedException",
  "java.lang.IllegalStateException",
  "com.fasterxml.jackson.core.JsonParseException",
  "java.net.SocketTimeoutException",
];
const MESSAGES = [
  "Order # not found",
  "Payment # declined by issuer",
  "Unexpected state SHIPPED for order #",
  "Unexpected character at position #",
  "Read timed out after # ms",
  "Customer # is blocked",
  "SKU # is discontinued",
  "Invalid amount '#'",
  "Warehouse # unavailable",
  "Duplicate order #",
];
const ORIGINAL_TOPICS = ["orders", "payments", "shipments", "customers", "inventory"];

/** 50 failure groups with their real fingerprints; group g's message has "#" where the record's number goes. */
const groups = Array.from({ length: 50 }, (_, g) => {
  const exceptionClass = EXCEPTIONS[g % EXCEPTIONS.length]!;
  const message = MESSAGES[g % MESSAGES.length]!;
  const originalTopic = ORIGINAL_TOPICS[Math.floor(g / MESSAGES.length)]!;
  return {
    g: g + 1,
    exceptionClass,
    message,
    originalTopic,
    fingerprint: failureFingerprint({ exceptionClass, message: message.replace("#", "1"), originalTopic }),
  };
});

const headers = JSON.stringify([
  { key: "kafka_dlt-original-topic", value: Buffer.from("orders").toString("base64") },
  { key: "kafka_dlt-original-partition", value: "AAAAAQ==" },
  { key: "kafka_dlt-exception-fqcn", value: Buffer.from(EXCEPTIONS[0]!).toString("base64") },
]);

async function seed(store: Store, start: Date): Promise<void> {
  const db = store.db;
  const result = await db.execute(
    sql`select indexname, indexdef from pg_indexes where tablename in ('dlq_message', 'dlq_search') and indexname not like '%_pk'`,
  );
  const indexes = (result as unknown as { rows: { indexname: string; indexdef: string }[] }).rows;
  // Building the indexes once at the end is several times faster than keeping them up to date row by row.
  for (const { indexname } of indexes) await db.execute(sql.raw(`drop index "${indexname}"`));
  await db.execute(
    sql`create temporary table bench_group (g int primary key, exception_class text, message text, original_topic text, fingerprint text)`,
  );
  for (const group of groups) {
    await db.execute(
      sql`insert into bench_group values (${group.g}, ${group.exceptionClass}, ${group.message}, ${group.originalTopic}, ${group.fingerprint})`,
    );
  }
  const started = performance.now();
  for (let from = 0; from < RECORDS; from += CHUNK) {
    const to = Math.min(RECORDS, from + CHUNK);
    await db.execute(sql`
      insert into dlq_message (cluster, topic, partition, "offset", "timestamp", key, value, value_size, value_encoding, headers, convention,
        exception_class, failure_message, stacktrace, original_topic, original_partition, original_offset, consumer_group, fingerprint, status)
      select 'default', ${TOPIC}, s.i % 6, s.i / 6, ${start.toISOString()}::timestamptz + s.i * interval '${sql.raw(String(INTERVAL_MS))} milliseconds',
        convert_to(s.k, 'UTF8'), convert_to(s.v, 'UTF8'), octet_length(s.v), 'json', ${headers}::jsonb, 'spring-dlt',
        b.exception_class, replace(b.message, '#', (s.i % 100000)::text), b.exception_class || ': ' || replace(b.message, '#', (s.i % 100000)::text) || E'\\n\\tat com.shop.Handler.handle(Handler.java:42)',
        b.original_topic, s.i % 6, s.i, 'orders-service', b.fingerprint,
        case when s.i % 20 = 0 then 'discarded' when s.i % 7 = 0 then 'redelivered' else 'pending' end
      from (
        select i, 1 + floor(50 * power(((i::bigint * 7919) % 10007) / 10007.0, 3))::int as g, 'order-' || i as k,
          json_build_object('orderId', i, 'customer', 'cust-' || (i % 9973), 'sku', 'SKU-' || (i % 613), 'amount', (i % 100000) / 100.0,
            'lines', json_build_array(md5(i::text), md5((i + 1)::text), md5((i + 2)::text)), 'note', md5((i * 31)::text) || md5((i * 37)::text))::text as v
        from generate_series(${from}::bigint, ${to - 1}::bigint) as i
      ) s join bench_group b on b.g = s.g`);
    process.stdout.write(`\r  seeding: ${to.toLocaleString("en")} records (${((performance.now() - started) / 1000).toFixed(0)} s)`);
  }
  // The search text as the indexer writes it (key, exception, message, value; all valid UTF-8 here), all of it
  // already moved into the trigram-indexed table.
  await db.execute(sql`
    insert into dlq_search (cluster, topic, partition, "offset", search_text)
    select cluster, topic, partition, "offset", concat_ws(E'\\n', convert_from(key, 'UTF8'), exception_class, failure_message, convert_from(value, 'UTF8'))
    from dlq_message where cluster = 'default' and topic = ${TOPIC}`);
  const indexStarted = performance.now();
  for (const { indexdef } of indexes) await db.execute(sql.raw(indexdef));
  await rebuildFailureGroups(store, "default", TOPIC);
  await db.execute(sql`analyze`);
  console.log(`, indexes and groups in ${((performance.now() - indexStarted) / 1000).toFixed(0)} s`);
}

async function benchOne(name: string, options: StoreOptions, serverEnv: Record<string, string>): Promise<void> {
  console.log(`\nDLQ browsing on ${name}, ${RECORDS.toLocaleString("en")} records in one DLQ:`);
  const start = new Date(Date.now() - RECORDS * INTERVAL_MS);
  const store = await openStore(options);
  try {
    await seed(store, start);
  } finally {
    await store.close();
  }
  const server = await BenchServer.start({ ...serverEnv, REDRIVE_INDEXER: "false" });
  try {
    const api = `/api/clusters/default/dlqs/${TOPIC}`;
    const [heavy, , rare] = [...groups].sort((a, b) => a.g - b.g);
    const page = await server.measure("first page of pending (100)", `${api}/messages?status=pending&limit=100`);
    const byGroup = await server.measure(
      "fingerprint-filtered page (largest group)",
      `${api}/messages?status=pending&fingerprint=${heavy!.fingerprint}&limit=100`,
    );
    await server.measure(
      "fingerprint-filtered page (small group)",
      `${api}/messages?status=pending&fingerprint=${groups.at(-1)!.fingerprint}&limit=100`,
    );
    const middle = encodeCursor({ timestampMs: start.getTime() + (RECORDS / 2) * INTERVAL_MS, partition: 0, offset: BigInt(RECORDS) });
    await server.measure("page in the middle (cursor)", `${api}/messages?limit=100&cursor=${middle}`);
    await server.measure("original-topic page", `${api}/messages?originalTopic=${rare!.originalTopic}&limit=100`);
    const groupsMs = await server.measure("failure groups", `${api}/groups`);
    await server.measure("DLQ summary (overview)", "/api/clusters/default/dlqs");
    const searches = [
      await server.measure('text search, ~100 matches ("cust-4242")', `${api}/messages?q=cust-4242&limit=100`, 10),
      await server.measure('text search, no match ("zz-no-such-thing")', `${api}/messages?q=zz-no-such-thing&limit=100`, 10),
      await server.measure('text search, most records ("blocked")', `${api}/messages?q=blocked&limit=100`, 10),
      await server.measure(
        "text search + pending + group",
        `${api}/messages?q=order-99&status=pending&fingerprint=${heavy!.fingerprint}&limit=100`,
        10,
      ),
    ];
    await server.measure("message details", `${api}/messages/0/6000`);
    verdict("first pending page median", page, PAGE_TARGET_MS);
    verdict("fingerprint-filtered page median", byGroup, PAGE_TARGET_MS);
    verdict("failure groups median", groupsMs, GROUPS_TARGET_MS);
    verdict("slowest text search median", Math.max(...searches), SEARCH_TARGET_MS);
    verdict("server peak RSS", server.peakRssMiB, RSS_TARGET_MIB, "MiB");
  } finally {
    await server.stop();
  }
}

export async function benchDlqStore(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), "redrive-bench-dlq-"));
  const database = await scratchDatabase("redrive_bench");
  try {
    const url = database.url;
    const only = process.env.BENCH_DLQ_STORES?.split(",") ?? ["postgres", "pglite"];
    if (only.includes("postgres")) {
      await benchOne("PostgreSQL", { databaseUrl: url, dataDir }, { DATABASE_URL: url, REDRIVE_DATA_DIR: dataDir });
    }
    if (only.includes("pglite")) await benchOne("PGlite", { dataDir }, { REDRIVE_DATA_DIR: dataDir });
  } finally {
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
