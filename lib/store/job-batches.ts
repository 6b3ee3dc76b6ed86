// A bulk job's records, a batch at a time, inside the caller's transaction: take the next items, claim their DLQ
// records, mark them resolved (moving their failure groups' counts), release claims, and move the job's cursor.
// Every statement takes the whole batch as column arrays, so a batch of 500 costs a handful of round trips.
import { and, eq, sql } from "drizzle-orm";
import type { StoredHeader } from "./dlq-schema";
import { triageJob } from "./job-schema";
import type { JobRow } from "./job-queries";
import type { StoreDatabase } from "./open-store";

export interface JobItem {
  seq: number;
  partition: number;
  offset: bigint;
}

export interface ClaimedRecord extends JobItem {
  actionId: string;
  /** The job's target, or the record's original topic; null when neither is known. */
  target: string | null;
  key: Buffer | null;
  value: Buffer | null;
  headers: StoredHeader[];
  convention: string;
  originalTopic: string | null;
  fingerprint: string;
}

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;
const bytes = (value: Uint8Array | null) => (value === null ? null : Buffer.from(value));
const coordinates = (items: readonly { partition: number; offset: bigint }[]) => ({
  partitions: sql.param(items.map((i) => i.partition)),
  offsets: sql.param(items.map((i) => i.offset.toString())),
});

/** The next items after the job's cursor: at most `limit`, and no more than about `maxBytes` of keys and values. */
export async function nextItems(tx: StoreDatabase, job: JobRow, limit: number, maxBytes: number): Promise<JobItem[]> {
  const rows = rowsOf<{ seq: number; partition: number; offset: string; size: number | null }>(
    // The items first, then one primary-key lookup each: a plan that stays linear even before the tables have
    // statistics.
    await tx.execute(sql`
      select i.seq, i."partition", i."offset"::text as "offset", m.size
      from (select seq, "partition", "offset" from triage_job_item where job_id = ${job.id} and seq > ${job.cursor} order by seq limit ${limit}) i
      left join lateral (
        select value_size + coalesce(octet_length(key), 0) as size from dlq_message
        where cluster = ${job.cluster} and topic = ${job.topic} and "partition" = i."partition" and "offset" = i."offset"
      ) m on true
      order by i.seq`),
  );
  const items: JobItem[] = [];
  let total = 0;
  for (const row of rows) {
    total += Number(row.size ?? 0);
    if (items.length > 0 && total > maxBytes) break;
    items.push({ seq: Number(row.seq), partition: Number(row.partition), offset: BigInt(row.offset) });
  }
  return items;
}

/**
 * Claims the items' records that are still pending and unclaimed, each with its action id, and returns them with
 * what a redelivery needs. Items whose records are not returned were resolved or claimed by someone else.
 */
export async function claimRecords(tx: StoreDatabase, job: JobRow, items: readonly JobItem[], actionIds: readonly string[]): Promise<ClaimedRecord[]> {
  const { partitions, offsets } = coordinates(items);
  const rows = rowsOf<{
    partition: number;
    offset: string;
    action_id: string;
    action_target: string | null;
    key: Uint8Array | null;
    value: Uint8Array | null;
    headers: StoredHeader[] | string;
    convention: string;
    original_topic: string | null;
    fingerprint: string;
  }>(
    await tx.execute(sql`
      update dlq_message m set action_id = u.id, action_started_at = now(), action_target = coalesce(${job.targetTopic}::text, m.original_topic),
        action_job_id = ${job.id}
      from unnest(${partitions}::integer[], ${offsets}::bigint[], ${sql.param(actionIds)}::text[]) as u(p, o, id)
      where m.cluster = ${job.cluster} and m.topic = ${job.topic} and m."partition" = u.p and m."offset" = u.o
        and m.status = 'pending' and m.action_id is null
      returning m."partition", m."offset"::text as "offset", m.action_id, m.action_target, m.key, m.value, m.headers, m.convention,
        m.original_topic, m.fingerprint`),
  );
  const seqOf = new Map(items.map((i) => [`${i.partition}/${i.offset}`, i.seq]));
  await tx.update(triageJob).set({ claimedTo: items.at(-1)!.seq, inFlightSince: new Date() }).where(eq(triageJob.id, job.id));
  return rows
    .map((r) => ({
      seq: seqOf.get(`${r.partition}/${r.offset}`)!,
      partition: Number(r.partition),
      offset: BigInt(r.offset),
      actionId: r.action_id,
      target: r.action_target,
      key: bytes(r.key),
      value: bytes(r.value),
      headers: typeof r.headers === "string" ? (JSON.parse(r.headers) as StoredHeader[]) : r.headers,
      convention: r.convention,
      originalTopic: r.original_topic,
      fingerprint: r.fingerprint,
    }))
    .sort((a, b) => a.seq - b.seq);
}

/** Of these items, the ones this job already resolved (before a crash, or found by a reconciliation). */
export async function resolvedByJob(tx: StoreDatabase, job: JobRow, items: readonly JobItem[]): Promise<Set<number>> {
  if (items.length === 0) return new Set();
  const { partitions, offsets } = coordinates(items);
  const rows = rowsOf<{ partition: number; offset: string }>(
    await tx.execute(sql`
      select m."partition", m."offset"::text as "offset" from unnest(${partitions}::integer[], ${offsets}::bigint[]) as u(p, o)
      join lateral (
        select "partition", "offset", action_job_id, status from dlq_message
        where cluster = ${job.cluster} and topic = ${job.topic} and "partition" = u.p and "offset" = u.o
      ) m on true
      where m.action_job_id = ${job.id} and m.status <> 'pending'`),
  );
  const resolved = new Set(rows.map((r) => `${r.partition}/${r.offset}`));
  return new Set(items.filter((i) => resolved.has(`${i.partition}/${i.offset}`)).map((i) => i.seq));
}

/** Records in flight for the job: claimed by it in (cursor, claimedTo] and not yet resolved. */
export async function inFlightRecords(tx: StoreDatabase, job: JobRow) {
  const rows = rowsOf<{ seq: number; partition: number; offset: string; action_id: string; action_target: string | null; fingerprint: string }>(
    await tx.execute(sql`
      select i.seq, i."partition", i."offset"::text as "offset", m.action_id, m.action_target, m.fingerprint
      from triage_job_item i
      join lateral (
        select action_id, action_target, fingerprint, action_job_id, status from dlq_message
        where cluster = ${job.cluster} and topic = ${job.topic} and "partition" = i."partition" and "offset" = i."offset"
      ) m on true
      where i.job_id = ${job.id} and i.seq > ${job.cursor} and i.seq <= ${job.claimedTo}
        and m.action_job_id = ${job.id} and m.action_id is not null and m.status = 'pending'
      order by i.seq`),
  );
  return rows.map((r) => ({
    seq: Number(r.seq),
    partition: Number(r.partition),
    offset: BigInt(r.offset),
    actionId: r.action_id,
    target: r.action_target,
    fingerprint: r.fingerprint,
  }));
}

/** Marks claimed records redelivered (only while the claim is still theirs); answers the fingerprints it moved. */
export async function markRedelivered(tx: StoreDatabase, job: Pick<JobRow, "cluster" | "topic">, records: readonly (JobItem & { actionId: string })[]) {
  if (records.length === 0) return [];
  const { partitions, offsets } = coordinates(records);
  const rows = rowsOf<{ fingerprint: string }>(
    await tx.execute(sql`
      update dlq_message m set status = 'redelivered'
      from unnest(${partitions}::integer[], ${offsets}::bigint[], ${sql.param(records.map((r) => r.actionId))}::text[]) as u(p, o, id)
      where m.cluster = ${job.cluster} and m.topic = ${job.topic} and m."partition" = u.p and m."offset" = u.o
        and m.action_id = u.id and m.status = 'pending'
      returning m.fingerprint`),
  );
  const fingerprints = rows.map((r) => r.fingerprint);
  await moveGroupCounts(tx, job, "redelivered", fingerprints);
  return fingerprints;
}

/** Discards the items' records that are still pending and unclaimed; answers the ones it discarded. */
export async function discardRecords(tx: StoreDatabase, job: JobRow, items: readonly JobItem[]): Promise<JobItem[]> {
  if (items.length === 0) return [];
  const { partitions, offsets } = coordinates(items);
  const rows = rowsOf<{ partition: number; offset: string; fingerprint: string }>(
    await tx.execute(sql`
      update dlq_message m set status = 'discarded', action_job_id = ${job.id}
      from unnest(${partitions}::integer[], ${offsets}::bigint[]) as u(p, o)
      where m.cluster = ${job.cluster} and m.topic = ${job.topic} and m."partition" = u.p and m."offset" = u.o
        and m.status = 'pending' and m.action_id is null
      returning m."partition", m."offset"::text as "offset", m.fingerprint`),
  );
  await moveGroupCounts(tx, job, "discarded", rows.map((r) => r.fingerprint));
  const discarded = new Set(rows.map((r) => `${r.partition}/${r.offset}`));
  return items.filter((i) => discarded.has(`${i.partition}/${i.offset}`));
}

/** Gives claimed records back (a send that did not happen, or failed for good): pending and unclaimed again. */
export async function releaseClaims(tx: StoreDatabase, job: Pick<JobRow, "cluster" | "topic">, records: readonly (JobItem & { actionId: string })[]): Promise<void> {
  if (records.length === 0) return;
  const { partitions, offsets } = coordinates(records);
  await tx.execute(sql`
    update dlq_message m set action_id = null, action_started_at = null, action_target = null, action_job_id = null
    from unnest(${partitions}::integer[], ${offsets}::bigint[], ${sql.param(records.map((r) => r.actionId))}::text[]) as u(p, o, id)
    where m.cluster = ${job.cluster} and m.topic = ${job.topic} and m."partition" = u.p and m."offset" = u.o
      and m.action_id = u.id and m.status = 'pending'`);
}

/** Moves resolved records out of their groups' pending counts, in fingerprint order (the indexer's lock order). */
async function moveGroupCounts(tx: StoreDatabase, job: Pick<JobRow, "cluster" | "topic">, status: "redelivered" | "discarded", fingerprints: readonly string[]) {
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
export async function recordFailures(tx: StoreDatabase, jobId: string, failures: readonly (JobItem & { error: string })[]): Promise<number> {
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
  progress: { cursor: number; claimedTo?: number; done: number; failed: number; skipped: number; rate?: number | null },
): Promise<JobRow> {
  const j = triageJob;
  const [row] = await tx
    .update(j)
    .set({
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

export class LeaseLostError extends Error {
  constructor(jobId: string) {
    super(`another runner has taken over job ${jobId}`);
    this.name = "LeaseLostError";
  }
}
