// Failure groups at scale: 100,000 distinct exception classes in one DLQ, stored as the indexer stores them (Spring
// DLT records parsed by the domain code, then storeDlqRows), then the groups API's reads timed in this process on
// PostgreSQL and on PGlite: the query parsed and run as the route runs it, the answer serialised, no HTTP.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { springDltRecord } from "@/e2e/support/dlq-records";
import { encodeGroupCursor, parseFailureGroupQuery } from "@/lib/api/dlq-params";
import { dlqRow, type DlqRow } from "@/lib/dlq/dlq-row";
import { storeDlqRows } from "@/lib/store/dlq-messages";
import { failureGroups } from "@/lib/store/dlq-queries";
import { openStore, type Store, type StoreOptions } from "@/lib/store/open-store";
import { storeRead } from "@/lib/store/store-timeout";
import { fmtMs, scratchDatabase, stats, verdict } from "./support";

const GROUPS = Number(process.env.BENCH_GROUPS ?? 100_000);
// PGlite runs in this one process; a slow machine may run it smaller (the heading and the verdicts then say so).
const PGLITE_GROUPS = Number(process.env.BENCH_GROUPS_PGLITE ?? GROUPS);
const TARGET_GROUPS = 100_000;
const PAGE_TARGET_MS = 100;
const DEEP_AFTER = 50_000;
const WALK_LIMIT = 500;
const RUNS = 20;
const CLUSTER = "default";
const TOPIC = "orders.DLT";
// The records of four groups share each instant, so the cursor's tie-break on the fingerprint is exercised too.
const GROUPS_PER_INSTANT = 4;
const STEP_MS = 2_000;
const SEED_BATCH = 2_000;
const ORIGINAL_TOPICS = ["orders", "payments", "shipments", "customers", "inventory"];

/** Group i's record: a Spring DLT record whose exception class no other group has, as the indexer would parse it. */
function groupRow(i: number, start: number): DlqRow {
  const record = springDltRecord({
    originalTopic: ORIGINAL_TOPICS[i % ORIGINAL_TOPICS.length]!,
    exceptionClass: `com.shop.generated.Failure${i}Exception`,
    message: `Order ${i} could not be processed: upstream answered 5${i % 10}3`,
    originalOffset: BigInt(i),
    key: `order-${i}`,
    value: JSON.stringify({ orderId: i, customer: `cust-${i % 9973}`, sku: `SKU-${i % 613}`, amount: (i % 100_000) / 100 }),
  });
  const headers = (record.headers ?? []).map(([key, value]) => ({ key, value: value === null ? null : Buffer.from(value) }));
  const timestampMs = BigInt(start + Math.floor(i / GROUPS_PER_INSTANT) * STEP_MS);
  const [key, value] = [Buffer.from(String(record.key)), Buffer.from(String(record.value))];
  return dlqRow({ cluster: CLUSTER, topic: TOPIC, partition: 0, offset: BigInt(i), timestampMs, key, value, headers });
}

async function seed(store: Store, groups: number): Promise<void> {
  // Ending now (100,000 groups span 14 hours), so the pages' 24-hour trends read real hourly rows.
  const start = Date.now() - Math.ceil(groups / GROUPS_PER_INSTANT) * STEP_MS;
  const started = performance.now();
  for (let from = 0; from < groups; from += SEED_BATCH) {
    const to = Math.min(groups, from + SEED_BATCH);
    await storeDlqRows(
      store,
      Array.from({ length: to - from }, (_, j) => groupRow(from + j, start)),
    );
    process.stdout.write(`\r  seeding: ${to.toLocaleString("en")} groups (${((performance.now() - started) / 1000).toFixed(0)} s)`);
  }
  await store.db.execute(sql`analyze`);
  console.log(`, ${((groups / (performance.now() - started)) * 1000).toFixed(0)} groups/s`);
}

/** What GET …/groups does between authentication and the answer: parse the query, read the page, serialise it. */
async function readPage(store: Store, search: Record<string, string>) {
  const query = parseFailureGroupQuery(new URLSearchParams(search));
  const reading = `Reading the failure groups of DLQ "${TOPIC}"`;
  const { groups, next, total } = await storeRead(store, reading, () => failureGroups(store, CLUSTER, TOPIC, query));
  const answer = { groups, nextCursor: next ? encodeGroupCursor(next) : null, total };
  return { answer, bytes: JSON.stringify(answer).length };
}

function line(label: string, samples: number[], bytes: number): number {
  const { median, p95, max } = stats(samples);
  console.log(`  ${label.padEnd(52)} median ${fmtMs(median)}   p95 ${fmtMs(p95)}   max ${fmtMs(max)}   ${(bytes / 1024).toFixed(0)} KiB`);
  return median;
}

/** Two warm-ups, then RUNS reads one after another; prints one line and returns the median. */
async function measure(store: Store, label: string, search: Record<string, string>): Promise<number> {
  await readPage(store, search);
  await readPage(store, search);
  const samples: number[] = [];
  let bytes = 0;
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    bytes = (await readPage(store, search)).bytes;
    samples.push(performance.now() - started);
  }
  return line(label, samples, bytes);
}

/**
 * Every page at WALK_LIMIT, each timed once. Checks that each group comes exactly once, and answers the cursor past
 * `deepAfter` groups and a fingerprint from the middle of the list.
 */
async function walk(store: Store, groups: number, deepAfter: number): Promise<{ median: number; deepCursor: string; middle: string }> {
  const seen = new Set<string>();
  const samples: number[] = [];
  let bytes = 0;
  let cursor: string | null = null;
  let deepCursor: string | null = null;
  do {
    const started = performance.now();
    const page = await readPage(store, { limit: String(WALK_LIMIT), ...(cursor ? { cursor } : {}) });
    samples.push(performance.now() - started);
    bytes = Math.max(bytes, page.bytes);
    for (const { fingerprint } of page.answer.groups) seen.add(fingerprint);
    cursor = page.answer.nextCursor;
    if (seen.size === deepAfter) deepCursor = cursor;
  } while (cursor);
  if (seen.size !== groups || samples.length !== Math.ceil(groups / WALK_LIMIT) || !deepCursor) {
    throw new Error(`walking the pages gave ${seen.size} distinct groups in ${samples.length} pages, expected ${groups}`);
  }
  const median = line(`every page at limit ${WALK_LIMIT} (${samples.length} pages, each once)`, samples, bytes);
  return { median, deepCursor, middle: [...seen][Math.floor(groups / 2)]! };
}

async function benchOne(name: string, options: StoreOptions, groups: number, note: string): Promise<void> {
  console.log(`\nFailure groups on ${name}, ${groups.toLocaleString("en")} distinct exception classes in one DLQ${note}:`);
  // The console's default statement timeout, as the route's reads run under it.
  const store = await openStore({ ...options, statementTimeoutMs: 15_000 });
  try {
    await seed(store, groups);
    const first = await measure(store, "first page (limit 100)", { limit: "100" });
    // Half-way down the list at smaller scales.
    const deepAfter = Math.min(DEEP_AFTER, Math.floor(groups / 2 / WALK_LIMIT) * WALK_LIMIT);
    const walked = await walk(store, groups, deepAfter);
    const deepLabel = `deep page (limit 100, cursor after ${deepAfter.toLocaleString("en")} groups)`;
    const deep = await measure(store, deepLabel, { limit: "100", cursor: walked.deepCursor });
    const one = await measure(store, "one group by fingerprint", { fingerprint: walked.middle });
    const at = `at ${groups.toLocaleString("en")} groups`;
    verdict(`first page median ${at}`, first, PAGE_TARGET_MS);
    verdict(`deep page median ${at}`, deep, PAGE_TARGET_MS);
    verdict(`page median walking every page ${at}`, walked.median, PAGE_TARGET_MS);
    verdict(`one group median ${at}`, one, PAGE_TARGET_MS);
  } finally {
    await store.close();
  }
}

/** Says so when a run is smaller than the scale the target is set for. */
const scaleNote = (variable: string, groups: number) =>
  groups < TARGET_GROUPS ? ` (${variable}=${groups}: fewer than the ${TARGET_GROUPS.toLocaleString("en")} the target is set for)` : "";

export async function benchFailureGroups(): Promise<void> {
  const fewest = 2 * WALK_LIMIT;
  if (Math.min(GROUPS, PGLITE_GROUPS) < fewest) throw new Error(`BENCH_GROUPS and BENCH_GROUPS_PGLITE must be at least ${fewest}`);
  const dataDir = mkdtempSync(join(tmpdir(), "redrive-bench-groups-"));
  const database = await scratchDatabase("redrive_bench");
  try {
    const only = process.env.BENCH_GROUPS_STORES?.split(",") ?? ["postgres", "pglite"];
    if (only.includes("postgres")) {
      await benchOne("PostgreSQL", { databaseUrl: database.url, dataDir }, GROUPS, scaleNote("BENCH_GROUPS", GROUPS));
    }
    if (only.includes("pglite")) await benchOne("PGlite", { dataDir }, PGLITE_GROUPS, scaleNote("BENCH_GROUPS_PGLITE", PGLITE_GROUPS));
  } finally {
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
