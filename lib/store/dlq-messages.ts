// Writing indexed DLQ records. Idempotent on (cluster, topic, partition, offset): a replayed batch changes
// nothing, and a record already triaged keeps its status. The failure groups and hourly counts move in the same
// transaction as the records, counting only the records that were new.
import { sql } from "drizzle-orm";
import type { DlqRow } from "@/lib/dlq/dlq-row";
import { normaliseFailureMessage } from "@/lib/dlq/fingerprint";
import { dlqFailureGroup, dlqFailureHourly } from "./dlq-schema";
import type { Store, StoreTx } from "./open-store";

// Keeps each INSERT well under PostgreSQL's 65,535 bind parameters and a few MB of payload.
const MAX_ROWS_PER_INSERT = 500;
const MAX_BYTES_PER_INSERT = 8 * 1024 * 1024;
const HOUR_MS = 3_600_000;

export async function storeDlqRows(store: Store, rows: readonly DlqRow[]): Promise<number> {
  let stored = 0;
  for (const chunk of chunks(rows)) stored += await store.db.transaction((tx) => storeChunk(tx, chunk));
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
// ~100 ms to build, more than PostgreSQL took to run it).
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
  ["search_text", "text"],
] as const;

const base64 = (bytes: Buffer | null) => (bytes === null ? null : bytes.toString("base64"));

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
    chunk.map((r) => JSON.stringify(r.headers)),
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
    chunk.map((r) => r.searchText),
  ];
}

const insertColumns = sql.raw(COLUMNS.map(([name]) => `"${name}"`).join(", "));
const selectColumns = sql.raw(
  COLUMNS.map(([name]) => (name === "key" || name === "value" ? `decode(u."${name}", 'base64')` : name === "headers" ? `u."${name}"::jsonb` : `u."${name}"`)).join(", "),
);
const unnestAlias = sql.raw(`u(${COLUMNS.map(([name]) => `"${name}"`).join(", ")})`);

async function storeChunk(tx: StoreTx, chunk: DlqRow[]): Promise<number> {
  const arrays = columnArrays(chunk).map((values, i) => sql`${sql.param(values)}::${sql.raw(COLUMNS[i]![1])}[]`);
  const result = await tx.execute(sql`
    insert into dlq_message (${insertColumns})
    select ${selectColumns} from unnest(${sql.join(arrays, sql`, `)}) as ${unnestAlias}
    on conflict do nothing
    returning "partition", "offset"`);
  const inserted = (result as unknown as { rows: { partition: number; offset: string | bigint }[] }).rows;
  if (inserted.length === 0) return 0;
  const isNew = new Set(inserted.map((r) => `${r.partition}/${r.offset}`));
  const fresh = chunk.filter((r) => isNew.has(`${r.partition}/${r.offset}`));
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
