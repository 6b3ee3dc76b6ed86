// Writing indexed DLQ records. Idempotent on (cluster, topic, partition, offset): a replayed batch changes
// nothing, and a record already triaged keeps its status. The failure groups and hourly counts move in the same
// transaction as the records, counting only the records that were new, and so does each new record's search text
// (into dlq_search_pending, which lib/store/dlq-search.ts moves into the trigram index behind). A record that is
// not the one stored at its offset (the topic was created again) is refused, never dropped.
import { sql } from "drizzle-orm";
import { asUnparsed, type DlqRow } from "@/lib/dlq/dlq-row";
import { normaliseFailureMessage } from "@/lib/dlq/fingerprint";
import { RecreatedTopicError } from "@/lib/dlq/recreated-topic-error";
import { errorChain } from "@/lib/error-chain";
import { encodeCopyBinary, type CopyType, type CopyValue } from "./copy-binary";
import { dlqFailureGroup, dlqFailureHourly } from "./dlq-schema";
import { noteIngest } from "./dlq-search";
import type { Store, StoreTx } from "./open-store";
import { liftStatementTimeout } from "./store-timeout";

// The limits keep one transaction to a few MB; bigger chunks mean fewer round trips and group upserts per record.
const MAX_ROWS_PER_INSERT = 2_000;
const MAX_BYTES_PER_INSERT = 8 * 1024 * 1024;
const HOUR_MS = 3_600_000;

// Storing a DLQ's records holds this lock shared, per DLQ, for the whole transaction; forgetting the DLQ holds it
// exclusively (lib/triage/forget-dlq.ts). So a forget's check that nothing is pending and its delete see the same
// records: a store waits until the forget has committed (and its records then stay), or the forget waits for the
// store (and then finds its records pending).
const INGEST_LOCK_CLASS = 0x696e_6773;

/** Takes this transaction's turn at one DLQ's stored records: shared to store records, exclusive to forget the DLQ. */
export async function lockDlqIngest(tx: StoreTx, where: { cluster: string; topic: string }, mode: "shared" | "exclusive"): Promise<void> {
  const key = sql`${INGEST_LOCK_CLASS}::integer, hashtext(${`${where.cluster}/${where.topic}`})`;
  await tx.execute(mode === "shared" ? sql`select pg_advisory_xact_lock_shared(${key})` : sql`select pg_advisory_xact_lock(${key})`);
}

/** Each DLQ of the chunk's ingest lock, shared, in one order. */
async function lockChunkDlqs(tx: StoreTx, chunk: readonly DlqRow[]): Promise<void> {
  const dlqs = new Map(chunk.map((row) => [`${row.cluster}/${row.topic}`, { cluster: row.cluster, topic: row.topic }]));
  for (const id of [...dlqs.keys()].sort()) await lockDlqIngest(tx, dlqs.get(id)!, "shared");
}

/**
 * Stores the rows chunk by chunk, each chunk in a transaction of its own. `storedUpTo` hears of every chunk stored
 * before the last, with its last row, so that a large batch's progress can be kept as it goes.
 */
export async function storeDlqRows(store: Store, rows: readonly DlqRow[], storedUpTo?: (row: DlqRow) => Promise<void>): Promise<number> {
  let stored = 0;
  let previous: DlqRow[] | undefined;
  for (const chunk of chunks(rows)) {
    if (previous && storedUpTo) await storedUpTo(previous.at(-1)!);
    stored += await storeChunkOrEach(store, chunk);
    previous = chunk;
  }
  if (stored > 0) noteIngest(store);
  return stored;
}

/**
 * A chunk the store refuses for what is in it (a value PostgreSQL cannot hold) would be refused on every retry and
 * stop its partition for good; its records are stored one at a time instead, and one still refused is stored as
 * unparsed with the store's reason: with its bytes if the store takes them, else with its coordinates only. Any
 * other failure (the store is down) is thrown, and the indexer reads the batch again later.
 */
async function storeChunkOrEach(store: Store, chunk: DlqRow[]): Promise<number> {
  try {
    return await storeChunk(store, chunk);
  } catch (error) {
    if (!isDataError(error)) throw error;
  }
  let stored = 0;
  for (const row of chunk) stored += await storeOne(store, row);
  return stored;
}

async function storeOne(store: Store, row: DlqRow): Promise<number> {
  const whole = await tryStoring(store, row);
  if ("stored" in whole) return whole.stored;
  const reason = `the store refused the record: ${errorMessage(whole.refused)}`;
  const withBytes = await tryStoring(store, asUnparsed(row, reason));
  if ("stored" in withBytes) return withBytes.stored;
  return storeChunk(store, [asUnparsed(row, reason, false)]);
}

/** Stores one row, or answers the data error the store refused it with (any other error is thrown). */
async function tryStoring(store: Store, row: DlqRow): Promise<{ stored: number } | { refused: unknown }> {
  try {
    return { stored: await storeChunk(store, [row]) };
  } catch (error) {
    if (!isDataError(error)) throw error;
    return { refused: error };
  }
}

const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error));

// SQLSTATE classes 22 (data exception: invalid byte sequence, unsupported escape), 23 (integrity; a unique
// violation is a concurrent writer, merged by storeChunk) and 54 (program limit: a value too large for its
// column or index). A RangeError is the COPY encoder refusing a value. Connection errors are none of these.
function isDataError(error: unknown): boolean {
  return errorChain(error).some((e) => {
    if (e instanceof RangeError) return true;
    const code = typeof e.code === "string" ? e.code : "";
    return code.startsWith("22") || code.startsWith("54") || (code.startsWith("23") && code !== "23505");
  });
}

/**
 * A chunk none of whose records is stored yet (nearly every chunk the indexer reads) is copied straight into the
 * tables; one that overlaps stored records (a replay) is merged. A writer that stores the same records between
 * the check and the copy (two instances on one partition during a rebalance) makes the copy fail on the primary
 * key, and the chunk is merged afresh.
 */
async function storeChunk(store: Store, chunk: DlqRow[]): Promise<number> {
  try {
    return await store.db.transaction(async (tx) => {
      await liftStatementTimeout(tx);
      await lockChunkDlqs(tx, chunk);
      return (await anyStored(tx, chunk)) ? mergeChunk(store, tx, chunk) : copyChunk(store, tx, chunk);
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return store.db.transaction(async (tx) => {
      await liftStatementTimeout(tx);
      await lockChunkDlqs(tx, chunk);
      return mergeChunk(store, tx, chunk);
    });
  }
}

const isUniqueViolation = (error: unknown) => errorChain(error).some((e) => e.code === "23505");

/** Whether any record in the chunk's offset range of each of its partitions is stored (one index probe each). */
async function anyStored(tx: StoreTx, chunk: readonly DlqRow[]): Promise<boolean> {
  const ranges = new Map<string, { row: DlqRow; min: bigint; max: bigint }>();
  for (const row of chunk) {
    const id = `${row.cluster}\u0000${row.topic}\u0000${row.partition}`;
    const range = ranges.get(id);
    if (!range) ranges.set(id, { row, min: row.offset, max: row.offset });
    else if (row.offset < range.min) range.min = row.offset;
    else if (row.offset > range.max) range.max = row.offset;
  }
  const probes = [...ranges.values()].map(
    ({ row, min, max }) =>
      sql`exists (select 1 from dlq_message where cluster = ${row.cluster} and topic = ${row.topic} and partition = ${row.partition} and "offset" between ${min} and ${max})`,
  );
  const result = await tx.execute(sql`select ${sql.join(probes, sql` or `)} as stored`);
  return (result as unknown as { rows: { stored: boolean }[] }).rows[0]!.stored;
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

// Chunks go in with binary COPY: sending column arrays as query parameters cost more than the insert itself
// (text-escaped on our side, parsed on the server's). A new chunk is copied into dlq_message and its search text
// into dlq_search_pending. COPY cannot skip rows that already exist, so a chunk that overlaps stored records is
// copied into a per-connection temporary table and inserted from there with ON CONFLICT DO NOTHING in one
// statement, which is 15–20% slower per record (the indexer benchmark's store step). The staging table's last
// column, the search text, goes only to dlq_search_pending, and only for the new records.
const COLUMNS = [
  ["cluster", "text"],
  ["topic", "text"],
  ["partition", "int4"],
  ["offset", "int8"],
  ["timestamp", "timestamptz"],
  ["key", "bytea"],
  ["value", "bytea"],
  ["value_size", "int4"],
  ["value_encoding", "text"],
  ["headers", "jsonb"],
  ["convention", "text"],
  ["exception_class", "text"],
  ["failure_message", "text"],
  ["stacktrace", "text"],
  ["cause_class", "text"],
  ["original_topic", "text"],
  ["original_partition", "int4"],
  ["original_offset", "int8"],
  ["original_timestamp", "timestamptz"],
  ["consumer_group", "text"],
  ["attempts", "int4"],
  ["fingerprint", "text"],
  ["redrive_source", "text"],
  ["unparsed_reason", "text"],
  ["search_text", "text"],
] as const satisfies readonly (readonly [string, CopyType])[];

const COPY_TYPES = COLUMNS.map(([, type]) => type);

/** JSON.stringify's output for stored headers in half its time (it runs for every record); base64 needs no escaping. */
function headersJson(headers: DlqRow["headers"]): string {
  let json = "[";
  for (let i = 0; i < headers.length; i++) {
    const { key, value, rawKey } = headers[i]!;
    const raw = rawKey === undefined ? "" : `,"rawKey":"${rawKey}"`;
    json += `${i === 0 ? "" : ","}{"key":${JSON.stringify(key)},"value":${value === null ? "null" : `"${value}"`}${raw}}`;
  }
  return `${json}]`;
}

/** A record's values in COLUMNS order, without the search text (the staging table's last column). */
const recordTuple = (r: DlqRow): CopyValue[] => [
  r.cluster,
  r.topic,
  r.partition,
  r.offset,
  r.timestamp,
  r.key,
  r.value,
  r.valueSize,
  r.valueEncoding,
  headersJson(r.headers),
  r.convention,
  r.exceptionClass,
  r.failureMessage,
  r.stacktrace,
  r.causeClass,
  r.originalTopic,
  r.originalPartition,
  r.originalOffset,
  r.originalTimestamp,
  r.consumerGroup,
  r.attempts,
  r.fingerprint,
  r.redriveSource,
  r.unparsedReason,
];
const stagingTuple = (r: DlqRow): CopyValue[] => {
  const values = recordTuple(r);
  values.push(r.searchText);
  return values;
};

const SQL_TYPES: Record<CopyType, string> = {
  text: "text",
  int4: "integer",
  int8: "bigint",
  timestamptz: "timestamptz",
  bytea: "bytea",
  jsonb: "jsonb",
};
const STAGING = "dlq_ingest";
// Emptied by every commit; created once per connection (IF NOT EXISTS is a catalog lookup after that).
const createStaging = sql.raw(
  `create temporary table if not exists ${STAGING} (${COLUMNS.map(([name, type]) => `"${name}" ${SQL_TYPES[type]}`).join(", ")}) on commit delete rows`,
);
const recordColumns = sql.raw(
  COLUMNS.filter(([name]) => name !== "search_text")
    .map(([name]) => `"${name}"`)
    .join(", "),
);
const coordinates = sql.raw(`"cluster", "topic", "partition", "offset"`);

const RECORD_TYPES = COPY_TYPES.slice(0, -1);
const SEARCH_TYPES: CopyType[] = ["text", "text", "int4", "int8", "text"];
const copyRecords = `copy dlq_message (${COLUMNS.slice(0, -1)
  .map(([name]) => `"${name}"`)
  .join(", ")}) from stdin (format binary)`;
const copySearch = `copy dlq_search_pending ("cluster", "topic", "partition", "offset", "search_text") from stdin (format binary)`;

async function copyChunk(store: Store, tx: StoreTx, chunk: DlqRow[]): Promise<number> {
  await store.copyIn(tx, copyRecords, encodeCopyBinary(RECORD_TYPES, chunk.map(recordTuple)));
  await store.copyIn(
    tx,
    copySearch,
    encodeCopyBinary(
      SEARCH_TYPES,
      chunk.map((r) => [r.cluster, r.topic, r.partition, r.offset, r.searchText]),
    ),
  );
  await addToGroups(tx, chunk);
  return chunk.length;
}

async function mergeChunk(store: Store, tx: StoreTx, chunk: DlqRow[]): Promise<number> {
  await tx.execute(createStaging);
  await store.copyIn(tx, `copy ${STAGING} from stdin (format binary)`, encodeCopyBinary(COPY_TYPES, chunk.map(stagingTuple)));
  await refuseOtherRecords(tx);
  // One statement: the records, then the search text of those that were new.
  const result = await tx.execute(sql`
    with inserted as (
      insert into dlq_message (${recordColumns}) select ${recordColumns} from ${sql.raw(STAGING)}
      on conflict do nothing
      returning ${coordinates}),
    searchable as (
      insert into dlq_search_pending (${coordinates}, "search_text")
      select ${coordinates}, "search_text" from ${sql.raw(STAGING)} join inserted using (${coordinates}))
    select ${coordinates} from inserted`);
  const inserted = (result as unknown as { rows: { cluster: string; topic: string; partition: number; offset: string | bigint }[] }).rows;
  if (inserted.length === 0) return 0;
  const id = (r: { cluster: string; topic: string; partition: number; offset: string | bigint }) =>
    `${r.cluster}\u0000${r.topic}\u0000${r.partition}/${r.offset}`;
  const isNew = new Set(inserted.map(id));
  const fresh = chunk.filter((r) => isNew.has(id(r)));
  await addToGroups(tx, fresh);
  return fresh.length;
}

/** Throws RecreatedTopicError when a staged record differs from the stored one at its offset. */
async function refuseOtherRecords(tx: StoreTx): Promise<void> {
  const result = await tx.execute(sql`
    select s.cluster, s.topic, s."partition", s."offset"::text as "offset" from ${sql.raw(STAGING)} s join dlq_message m using (${coordinates})
    where m."timestamp" <> s."timestamp" or m.key is distinct from s.key or m.value is distinct from s.value
    order by s."partition", s."offset" limit 1`);
  const [clash] = (result as unknown as { rows: { cluster: string; topic: string; partition: number; offset: string }[] }).rows;
  if (clash) {
    const finding = `holds another record at partition ${clash.partition}, offset ${clash.offset} than the one stored from it before`;
    throw new RecreatedTopicError(clash.cluster, clash.topic, Number(clash.partition), finding);
  }
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
    .flatMap(({ row, hours }) =>
      [...hours].map(([hour, count]) => ({
        cluster: row.cluster,
        topic: row.topic,
        fingerprint: row.fingerprint,
        hour: new Date(hour),
        count,
      })),
    )
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
    await liftStatementTimeout(tx);
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
    const groups = await tx
      .select({ fingerprint: dlqFailureGroup.fingerprint, reason: dlqFailureGroup.reason })
      .from(dlqFailureGroup)
      .where(sql`${dlqFailureGroup.cluster} = ${cluster} and ${dlqFailureGroup.topic} = ${topic}`);
    for (const { fingerprint, reason } of groups) {
      if (reason === null) continue;
      await tx.execute(
        sql`update dlq_failure_group set reason = ${normaliseFailureMessage(reason)} where cluster = ${cluster} and topic = ${topic} and fingerprint = ${fingerprint}`,
      );
    }
  });
}
