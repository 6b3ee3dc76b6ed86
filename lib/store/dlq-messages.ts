// Writing indexed DLQ records. Idempotent on (cluster, topic, partition, offset): a replayed batch changes
// nothing, and a record already triaged keeps its status. The failure groups and hourly counts move in the same
// transaction as the records, counting only the records that were new, and so does each new record's search text
// (into dlq_search_pending, which lib/store/dlq-search.ts moves into the trigram index behind).
import { sql } from "drizzle-orm";
import type { DlqRow } from "@/lib/dlq/dlq-row";
import { normaliseFailureMessage } from "@/lib/dlq/fingerprint";
import { dlqFailureGroup, dlqFailureHourly } from "./dlq-schema";
import { noteIngest } from "./dlq-search";
import type { Store, StoreTx } from "./open-store";

// The statement takes column arrays, so its parameter count does not grow with the chunk; the limits keep one
// transaction to a few MB. Bigger chunks mean fewer round trips and group upserts per record.
const MAX_ROWS_PER_INSERT = 2_000;
const MAX_BYTES_PER_INSERT = 8 * 1024 * 1024;
const HOUR_MS = 3_600_000;

export async function storeDlqRows(store: Store, rows: readonly DlqRow[]): Promise<number> {
  let stored = 0;
  for (const chunk of chunks(rows)) stored += await store.db.transaction((tx) => storeChunk(tx, chunk));
  if (stored > 0) noteIngest(store);
  return stored;
}

function* chunks(rows: readonly DlqRow[]): Generator<DlqRow[]> {
  let chunk: DlqRow[] = [];
  let bytes = 0;
  for (const row of rows) {
    const size = row.valueSize + (row.key?.length ?? 0) + row.searchText.length;
    if (chunk.length >= MAX_ROWS_PER_INSERT || (chunk.length > 0 && bytes + size > MAX_BYTES_PER_INSERT)) {
      yield chunk;
      chunk = [];
      bytes = 0;
    }
    chunk.push(row);
    bytes += size;
  }
  if (chunk.length > 0) yield chunk;
}

// One INSERT of column arrays (unnest) rather than a VALUES row per record: the statement has 24 parameters
// whatever the chunk size, and building it costs next to nothing (a VALUES list of 500 rows took Drizzle
// ~100 ms to build, more than PostgreSQL took to run it). The last array, the search text, goes only to
// dlq_search_pending, and only for the records the INSERT actually added.
const COLUMNS = [
  ["cluster", "text"],
  ["topic", "text"],
  ["partition", "integer"],
  ["offset", "bigint"],
  ["timestamp", "timestamptz"],
  ["key", "text"],
  ["value", "text"],
  ["value_size", "integer"],
  ["value_encoding", "text"],
  ["headers", "text"],
  ["convention", "text"],
  ["exception_class", "text"],
  ["failure_message", "text"],
  ["stacktrace", "text"],
  ["cause_class", "text"],
  ["original_topic", "text"],
  ["original_partition", "integer"],
  ["original_offset", "bigint"],
  ["original_timestamp", "timestamptz"],
  ["consumer_group", "text"],
  ["attempts", "integer"],
  ["fingerprint", "text"],
  ["redrive_source", "text"],
] as const;

const base64 = (bytes: Buffer | null) => (bytes === null ? null : bytes.toString("base64"));

/** JSON.stringify's output for stored headers in half its time (it runs for every record); base64 needs no escaping. */
function headersJson(headers: DlqRow["headers"]): string {
  let json = "[";
  for (let i = 0; i < headers.length; i++) {
    const { key, value } = headers[i]!;
    json += `${i === 0 ? "" : ","}{"key":${JSON.stringify(key)},"value":${value === null ? "null" : `"${value}"`}}`;
  }
  return `${json}]`;
}

function columnArrays(chunk: readonly DlqRow[]): unknown[][] {
  return [
    chunk.map((r) => r.cluster),
    chunk.map((r) => r.topic),
    chunk.map((r) => r.partition),
    chunk.map((r) => r.offset.toString()),
    chunk.map((r) => r.timestamp.toISOString()),
    chunk.map((r) => base64(r.key)),
    chunk.map((r) => base64(r.value)),
    chunk.map((r) => r.valueSize),
    chunk.map((r) => r.valueEncoding),
    chunk.map((r) => headersJson(r.headers)),
    chunk.map((r) => r.convention),
    chunk.map((r) => r.exceptionClass),
    chunk.map((r) => r.failureMessage),
    chunk.map((r) => r.stacktrace),
    chunk.map((r) => r.causeClass),
    chunk.map((r) => r.originalTopic),
    chunk.map((r) => r.originalPartition),
    chunk.map((r) => r.originalOffset?.toString() ?? null),
    chunk.map((r) => r.originalTimestamp?.toISOString() ?? null),
    chunk.map((r) => r.consumerGroup),
    chunk.map((r) => r.attempts),
    chunk.map((r) => r.fingerprint),
    chunk.map((r) => r.redriveSource),
  ];
}

const insertColumns = sql.raw(COLUMNS.map(([name]) => `"${name}"`).join(", "));
const selectColumns = sql.raw(
  COLUMNS.map(([name]) => (name === "key" || name === "value" ? `decode(u."${name}", 'base64')` : name === "headers" ? `u."${name}"::jsonb` : `u."${name}"`)).join(", "),
);
const unnestAlias = sql.raw(`u(${COLUMNS.map(([name]) => `"${name}"`).join(", ")}, "search_text")`);
const coordinates = sql.raw(`"cluster", "topic", "partition", "offset"`);

async function storeChunk(tx: StoreTx, chunk: DlqRow[]): Promise<number> {
  const arrays = columnArrays(chunk).map((values, i) => sql`${sql.param(values)}::${sql.raw(COLUMNS[i]![1])}[]`);
  const searchTexts = sql`${sql.param(chunk.map((r) => r.searchText))}::text[]`;
  // One statement, one round trip: the records, then the search text of those that were new.
  const result = await tx.execute(sql`
    with u as (select * from unnest(${sql.join([...arrays, searchTexts], sql`, `)}) as ${unnestAlias}),
    inserted as (
      insert into dlq_message (${insertColumns}) select ${selectColumns} from u
      on conflict do nothing
      returning ${coordinates}),
    searchable as (
      insert into dlq_search_pending (${coordinates}, "search_text")
      select ${sql.raw(`u."cluster", u."topic", u."partition", u."offset"`)}, u."search_text" from u join inserted using (${coordinates}))
    select ${coordinates} from inserted`);
  const inserted = (result as unknown as { rows: { cluster: string; topic: string; partition: number; offset: string | bigint }[] }).rows;
  if (inserted.length === 0) return 0;
  const id = (r: { cluster: string; topic: string; partition: number; offset: string | bigint }) => `${r.cluster}\u0000${r.topic}\u0000${r.partition}/${r.offset}`;
  const isNew = new Set(inserted.map(id));
  const fresh = chunk.filter((r) => isNew.has(id(r)));
  await addToGroups(tx, fresh);
  return fresh.length;
}

interface GroupDelta {
  row: DlqRow;
  count: number;
  first: Date;
  last: Date;
  hours: Map<number, number>;
}

async function addToGroups(tx: StoreTx, rows: readonly DlqRow[]): Promise<void> {
  const groups = new Map<string, GroupDelta>();
  for (const row of rows) {
    const id = `${row.cluster}\u0000${row.topic}\u0000${row.fingerprint}`;
    let group = groups.get(id);
    if (!group) groups.set(id, (group = { row, count: 0, first: row.timestamp, last: row.timestamp, hours: new Map() }));
    group.count++;
    if (row.timestamp < group.first) group.first = row.timestamp;
    if (row.timestamp > group.last) group.last = row.timestamp;
    const hour = Math.floor(row.timestamp.getTime() / HOUR_MS) * HOUR_MS;
    group.hours.set(hour, (group.hours.get(hour) ?? 0) + 1);
  }
  // Always the same lock order, so instances indexing different partitions of one DLQ cannot deadlock.
  const ordered = [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, g]) => g);
  await tx
    .insert(dlqFailureGroup)
    .values(
      ordered.map(({ row, count, first, last }) => ({
        cluster: row.cluster,
        topic: row.topic,
        fingerprint: row.fingerprint,
        exceptionClass: row.exceptionClass,
        reason: row.failureMessage === null ? null : normaliseFailureMessage(row.failureMessage),
        originalTopic: row.originalTopic,
        count,
        pending: count,
        firstSeen: first,
        lastSeen: last,
      })),
    )
    .onConflictDoUpdate({
      target: [dlqFailureGroup.cluster, dlqFailureGroup.topic, dlqFailureGroup.fingerprint],
      set: {
        count: sql`${dlqFailureGroup.count} + excluded.count`,
        pending: sql`${dlqFailureGroup.pending} + excluded.pending`,
        firstSeen: sql`least(${dlqFailureGroup.firstSeen}, excluded.first_seen)`,
        lastSeen: sql`greatest(${dlqFailureGroup.lastSeen}, excluded.last_seen)`,
      },
    });
  const hourly = ordered
    .flatMap(({ row, hours }) => [...hours].map(([hour, count]) => ({ cluster: row.cluster, topic: row.topic, fingerprint: row.fingerprint, hour: new Date(hour), count })))
    .sort((a, b) => a.hour.getTime() - b.hour.getTime() || (a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0));
  await tx
    .insert(dlqFailureHourly)
    .values(hourly)
    .onConflictDoUpdate({
      target: [dlqFailureHourly.cluster, dlqFailureHourly.topic, dlqFailureHourly.hour, dlqFailureHourly.fingerprint],
      set: { count: sql`${dlqFailureHourly.count} + excluded.count` },
    });
}

/**
 * Recomputes one DLQ's failure groups and hourly counts from its records: for repairs, and for seeding
 * records in bulk with SQL (the benchmark). The group's reason is one of its records' messages, normalised.
 */
export async function rebuildFailureGroups(store: Store, cluster: string, topic: string): Promise<void> {
  await store.db.transaction(async (tx) => {
    await tx.execute(sql`delete from dlq_failure_group where cluster = ${cluster} and topic = ${topic}`);
    await tx.execute(sql`delete from dlq_failure_hourly where cluster = ${cluster} and topic = ${topic}`);
    await tx.execute(sql`
      insert into dlq_failure_group (cluster, topic, fingerprint, exception_class, reason, original_topic, count, pending, redelivered, discarded, first_seen, last_seen)
      select cluster, topic, fingerprint, min(exception_class), min(failure_message), min(original_topic), count(*),
        count(*) filter (where status = 'pending'), count(*) filter (where status = 'redelivered'), count(*) filter (where status = 'discarded'),
        min(timestamp), max(timestamp)
      from dlq_message where cluster = ${cluster} and topic = ${topic} group by cluster, topic, fingerprint`);
    await tx.execute(sql`
      insert into dlq_failure_hourly (cluster, topic, fingerprint, hour, count)
      select cluster, topic, fingerprint, date_trunc('hour', timestamp, 'UTC'), count(*)
      from dlq_message where cluster = ${cluster} and topic = ${topic} group by 1, 2, 3, 4`);
    const groups = await tx.select({ fingerprint: dlqFailureGroup.fingerprint, reason: dlqFailureGroup.reason }).from(dlqFailureGroup)
      .where(sql`${dlqFailureGroup.cluster} = ${cluster} and ${dlqFailureGroup.topic} = ${topic}`);
    for (const { fingerprint, reason } of groups) {
      if (reason === null) continue;
      await tx.execute(sql`update dlq_failure_group set reason = ${normaliseFailureMessage(reason)} where cluster = ${cluster} and topic = ${topic} and fingerprint = ${fingerprint}`);
    }
  });
}
