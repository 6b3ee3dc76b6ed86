// A bulk job's records, a batch at a time: take the next items, claim their DLQ records, mark them resolved (moving
// their failure groups' counts) and move the job's cursor. Every statement takes the whole batch as column arrays,
// so a batch of 500 costs a handful of round trips.
//
// A job claims records without writing them: its claim is its own range (cursor, claimedTo] on the job row. Claims
// on one DLQ take turns through an advisory lock: a single action holds it shared while it locks and claims its
// record, a job holds it exclusively while it checks and extends its range. So once a job's range is committed, every
// single claim made before it is visible, and every one made after it sees the range and leaves the record alone;
// each record is written once, when it is resolved.
import { and, eq, sql } from "drizzle-orm";
import type { StoredHeader } from "./dlq-schema";
import { triageJob } from "./job-schema";
import type { JobRow } from "./job-queries";
import type { StoreDatabase } from "./open-store";
import { liftStatementTimeout } from "./store-timeout";

export interface JobItem {
  seq: number;
  partition: number;
  offset: bigint;
}

export interface ClaimedRecord extends JobItem {
  key: Buffer | null;
  value: Buffer | null;
  headers: StoredHeader[];
  convention: string;
  originalTopic: string | null;
  fingerprint: string;
}

export interface Claim {
  /** The items' records, locked and checked: pending, not claimed by a single action or another job. */
  records: ClaimedRecord[];
  /** Items whose records someone else resolved or holds. */
  skipped: number;
  /** The last item of the batch; the job's claimed range now ends there. */
  lastSeq: number;
}

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;
const bytes = (value: Uint8Array | null) => (value === null ? null : Buffer.from(value));
const refKey = (r: { partition: number; offset: bigint | string }) => `${r.partition}/${r.offset}`;
const coordinates = (items: readonly { partition: number; offset: bigint }[]) => ({
  partitions: sql.param(items.map((i) => i.partition)),
  offsets: sql.param(items.map((i) => i.offset.toString())),
});

const CLAIMS_LOCK_CLASS = 0x6a6f_6273;

/** Takes this transaction's turn at claiming records of one DLQ: shared for a single action, exclusive for a job. */
export async function lockDlqClaims(
  tx: StoreDatabase,
  where: { cluster: string; topic: string },
  mode: "shared" | "exclusive",
): Promise<void> {
  const key = sql`${CLAIMS_LOCK_CLASS}::integer, hashtext(${`${where.cluster}/${where.topic}`})`;
  await tx.execute(mode === "shared" ? sql`select pg_advisory_xact_lock_shared(${key})` : sql`select pg_advisory_xact_lock(${key})`);
}

/** The items after `afterSeq`: at most `limit`, and no more than about `maxBytes` of keys and values. */
export async function nextItems(db: StoreDatabase, job: JobRow, afterSeq: number, limit: number, maxBytes: number): Promise<JobItem[]> {
  const rows = rowsOf<{ seq: number; partition: number; offset: string; size: number }>(
    await db.execute(sql`
      select seq, "partition", "offset"::text as "offset", size from triage_job_item
      where job_id = ${job.id} and seq > ${afterSeq} order by seq limit ${limit}`),
  );
  const items: JobItem[] = [];
  let total = 0;
  for (const row of rows) {
    total += Number(row.size);
    if (items.length > 0 && total > maxBytes) break;
    items.push({ seq: Number(row.seq), partition: Number(row.partition), offset: BigInt(row.offset) });
  }
  return items;
}

/** Of these records of one DLQ, the ones inside a job's claimed range (other than `exceptJobId`'s), with the job. */
export async function claimedByJobs(
  db: StoreDatabase,
  where: { cluster: string; topic: string },
  refs: readonly { partition: number; offset: bigint }[],
  exceptJobId?: string,
) {
  if (refs.length === 0) return new Map<string, string>();
  const { partitions, offsets } = coordinates(refs);
  const rows = rowsOf<{ partition: number; offset: string; job_id: string }>(
    await db.execute(sql`
      select u.p as "partition", u.o::text as "offset", j.id as job_id
      from unnest(${partitions}::integer[], ${offsets}::bigint[]) as u(p, o)
      join triage_job_item i on i."partition" = u.p and i."offset" = u.o
      join triage_job j on j.id = i.job_id
      where j.cluster = ${where.cluster} and j.topic = ${where.topic} and i.seq > j."cursor" and i.seq <= j.claimed_to
        ${exceptJobId ? sql`and j.id <> ${exceptJobId}` : sql``}`),
  );
  return new Map(rows.map((r) => [refKey(r), r.job_id]));
}

/** Extends the job's claimed range over the items, in the caller's transaction; answers the items other jobs hold. */
export async function extendClaim(tx: StoreDatabase, job: JobRow, items: readonly JobItem[]): Promise<Map<string, string>> {
  await lockDlqClaims(tx, job, "exclusive");
  const held = await claimedByJobs(tx, job, items, job.id);
  await tx
    .update(triageJob)
    .set({ claimedTo: items.at(-1)!.seq, inFlightSince: new Date() })
    .where(eq(triageJob.id, job.id));
  return held;
}

/**
 * Claims a batch: extends the job's claimed range over the items (a short transaction of its own), then reads the
 * records still free to act on: pending, not being sent by a single action, not in another job's range.
 */
export async function claimRecords(db: StoreDatabase, job: JobRow, items: readonly JobItem[]): Promise<Claim> {
  const held = await db.transaction(async (tx) => {
    await liftStatementTimeout(tx);
    return extendClaim(tx, job, items);
  });
  return claimableRecords(db, job, items, held);
}

/** After `extendClaim`: the items' records still free to act on, given the items other jobs hold. */
export async function claimableRecords(
  db: StoreDatabase,
  job: JobRow,
  items: readonly JobItem[],
  held: ReadonlyMap<string, string>,
): Promise<Claim> {
  const { partitions, offsets } = coordinates(items);
  const rows = rowsOf<{
    partition: number;
    offset: string;
    key: Uint8Array | null;
    value: Uint8Array | null;
    headers: StoredHeader[] | string;
    convention: string;
    original_topic: string | null;
    fingerprint: string;
    status: string;
    action_id: string | null;
    action_job_id: string | null;
  }>(
    await db.execute(sql`
      select m."partition", m."offset"::text as "offset", m.key, m.value, m.headers, m.convention, m.original_topic, m.fingerprint,
        m.status, m.action_id, m.action_job_id
      from unnest(${partitions}::integer[], ${offsets}::bigint[]) as u(p, o)
      join lateral (
        select "partition", "offset", key, value, headers, convention, original_topic, fingerprint, status, action_id, action_job_id
        from dlq_message where cluster = ${job.cluster} and topic = ${job.topic} and "partition" = u.p and "offset" = u.o
      ) m on true`),
  );
  const seqOf = new Map(items.map((i) => [refKey(i), i.seq]));
  const records: ClaimedRecord[] = [];
  let ours = 0;
  for (const r of rows) {
    // Resolved by this job already (before a crash, or found by a reconciliation): neither sent again nor counted.
    if (r.action_job_id === job.id && r.status !== "pending") ours++;
    else if (r.status === "pending" && r.action_id === null && !held.has(refKey(r))) {
      records.push({
        seq: seqOf.get(refKey(r))!,
        partition: Number(r.partition),
        offset: BigInt(r.offset),
        key: bytes(r.key),
        value: bytes(r.value),
        headers: typeof r.headers === "string" ? (JSON.parse(r.headers) as StoredHeader[]) : r.headers,
        convention: r.convention,
        originalTopic: r.original_topic,
        fingerprint: r.fingerprint,
      });
    }
  }
  records.sort((a, b) => a.seq - b.seq);
  return { records, skipped: items.length - records.length - ours, lastSeq: items.at(-1)!.seq };
}

/** The job's claimed items whose records are still pending: what a failed send or a crash may have left in flight. */
export async function inFlightRecords(db: StoreDatabase, job: JobRow) {
  const rows = rowsOf<{ seq: number; partition: number; offset: string; original_topic: string | null; fingerprint: string }>(
    await db.execute(sql`
      select i.seq, i."partition", i."offset"::text as "offset", m.original_topic, m.fingerprint
      from triage_job_item i
      join lateral (
        select original_topic, fingerprint, status from dlq_message
        where cluster = ${job.cluster} and topic = ${job.topic} and "partition" = i."partition" and "offset" = i."offset"
      ) m on true
      where i.job_id = ${job.id} and i.seq > ${job.cursor} and i.seq <= ${job.claimedTo} and m.status = 'pending'
      order by i.seq`),
  );
  return rows.map((r) => ({
    seq: Number(r.seq),
    partition: Number(r.partition),
    offset: BigInt(r.offset),
    originalTopic: r.original_topic,
    fingerprint: r.fingerprint,
  }));
}

/**
 * Marks records redelivered by the job, each with its action id; answers how many it marked. Only pending ones are
 * touched: a record resolved meanwhile (which the claim rules out) keeps its own outcome.
 */
export async function markRedelivered(
  tx: StoreDatabase,
  job: Pick<JobRow, "id" | "cluster" | "topic">,
  records: readonly (JobItem & { actionId: string })[],
): Promise<number> {
  if (records.length === 0) return 0;
  const { partitions, offsets } = coordinates(records);
  const rows = rowsOf<{ fingerprint: string }>(
    await tx.execute(sql`
      update dlq_message m set status = 'redelivered', action_id = u.id, action_job_id = ${job.id}
      from unnest(${partitions}::integer[], ${offsets}::bigint[], ${sql.param(records.map((r) => r.actionId))}::text[]) as u(p, o, id)
      where m.cluster = ${job.cluster} and m.topic = ${job.topic} and m."partition" = u.p and m."offset" = u.o and m.status = 'pending'
      returning m.fingerprint`),
  );
  await moveGroupCounts(
    tx,
    job,
    "redelivered",
    rows.map((r) => r.fingerprint),
  );
  return rows.length;
}

/** Discards the items' records that are pending and free (not in flight with anyone), in the caller's transaction. */
export async function discardRecords(tx: StoreDatabase, job: JobRow, items: readonly JobItem[]): Promise<JobItem[]> {
  if (items.length === 0) return [];
  const held = await extendClaim(tx, job, items);
  const free = items.filter((i) => !held.has(refKey(i)));
  if (free.length === 0) return [];
  const { partitions, offsets } = coordinates(free);
  const rows = rowsOf<{ partition: number; offset: string; fingerprint: string }>(
    await tx.execute(sql`
      update dlq_message m set status = 'discarded', action_job_id = ${job.id}
      from unnest(${partitions}::integer[], ${offsets}::bigint[]) as u(p, o)
      where m.cluster = ${job.cluster} and m.topic = ${job.topic} and m."partition" = u.p and m."offset" = u.o
        and m.status = 'pending' and m.action_id is null
      returning m."partition", m."offset"::text as "offset", m.fingerprint`),
  );
  await moveGroupCounts(
    tx,
    job,
    "discarded",
    rows.map((r) => r.fingerprint),
  );
  const discarded = new Set(rows.map(refKey));
  return free.filter((i) => discarded.has(refKey(i)));
}

/** Moves resolved records out of their groups' pending counts, in fingerprint order (the indexer's lock order). */
async function moveGroupCounts(
  tx: StoreDatabase,
  job: Pick<JobRow, "cluster" | "topic">,
  status: "redelivered" | "discarded",
  fingerprints: readonly string[],
) {
  if (fingerprints.length === 0) return;
  const counts = new Map<string, number>();
  for (const fp of fingerprints) counts.set(fp, (counts.get(fp) ?? 0) + 1);
  const ordered = [...counts.keys()].sort();
  const column = sql.raw(status);
  await tx.execute(sql`
    update dlq_failure_group g set pending = g.pending - u.n, ${column} = g.${column} + u.n
    from unnest(${sql.param(ordered)}::text[], ${sql.param(ordered.map((fp) => counts.get(fp)!))}::bigint[]) as u(fp, n)
    where g.cluster = ${job.cluster} and g.topic = ${job.topic} and g.fingerprint = u.fp`);
}

/** Records failed items (once each, so a batch replayed after a crash does not count them twice); answers how many were new. */
export async function recordFailures(
  tx: StoreDatabase,
  jobId: string,
  failures: readonly (JobItem & { error: string })[],
): Promise<number> {
  if (failures.length === 0) return 0;
  const rows = rowsOf<{ seq: number }>(
    await tx.execute(sql`
      insert into triage_job_failure (job_id, seq, "partition", "offset", error)
      select ${jobId}::text, * from unnest(${sql.param(failures.map((f) => f.seq))}::integer[], ${sql.param(failures.map((f) => f.partition))}::integer[],
        ${sql.param(failures.map((f) => f.offset.toString()))}::bigint[], ${sql.param(failures.map((f) => f.error))}::text[])
      on conflict do nothing
      returning seq`),
  );
  return rows.length;
}

/**
 * Moves the job's cursor and counters, if this runner still holds the job: otherwise it throws, and the caller's
 * transaction (the batch's state changes and audit entries with it) rolls back.
 */
export async function advanceJob(
  tx: StoreDatabase,
  job: Pick<JobRow, "id">,
  runnerId: string,
  progress: { cursor: number; claimedTo?: number; done: number; failed: number; skipped: number; rate?: number | null; leaseMs?: number },
): Promise<JobRow> {
  const j = triageJob;
  const [row] = await tx
    .update(j)
    .set({
      // Renewing the lease here spares a batch a transaction (and a flush to disk) of its own.
      ...(progress.leaseMs !== undefined ? { leaseUntil: sql`now() + ${`${progress.leaseMs} milliseconds`}::interval` } : {}),
      cursor: progress.cursor,
      claimedTo: progress.claimedTo ?? sql`greatest(${j.claimedTo}, ${progress.cursor})`,
      done: sql`${j.done} + ${progress.done}`,
      failed: sql`${j.failed} + ${progress.failed}`,
      skipped: sql`${j.skipped} + ${progress.skipped}`,
      ...(progress.rate !== undefined ? { rate: progress.rate } : {}),
      updatedAt: new Date(),
    })
    .where(and(eq(j.id, job.id), eq(j.runnerId, runnerId)))
    .returning();
  if (!row) throw new LeaseLostError(job.id);
  return row;
}

/** Gives back the job's claim past its cursor, none of it sent, if this runner still holds the job. */
export async function releaseClaim(db: StoreDatabase, job: Pick<JobRow, "id">, runnerId: string): Promise<void> {
  const j = triageJob;
  const rows = await db
    .update(j)
    .set({ claimedTo: sql`${j.cursor}`, updatedAt: new Date() })
    .where(and(eq(j.id, job.id), eq(j.runnerId, runnerId)))
    .returning({ id: j.id });
  if (rows.length === 0) throw new LeaseLostError(job.id);
}

export class LeaseLostError extends Error {
  constructor(jobId: string) {
    super(`another runner has taken over job ${jobId}`);
    this.name = "LeaseLostError";
  }
}
