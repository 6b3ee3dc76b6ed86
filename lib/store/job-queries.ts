// Bulk jobs in the store: creating one with its items, reading them, the runner's claim on a job (a lease that
// only one runner holds at a time, so several console instances never run one job twice), and operator control.
import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import { dlqMessage } from "./dlq-schema";
import { messageConditions, type MessageFilter } from "./dlq-message-queries";
import type { JobState } from "@/lib/contract/job-states";
import { triageJob, triageJobFailure } from "./job-schema";
import type { Store, StoreDatabase, StoreTx } from "./open-store";

export type JobRow = typeof triageJob.$inferSelect;
export type NewJob = Omit<typeof triageJob.$inferInsert, "total" | "state" | "createdAt" | "updatedAt">;

export interface MessageRef {
  partition: number;
  offset: bigint;
}

/**
 * What a job acts on: the pending records matching a filter (oldest first), the listed records in their order, or
 * the records an earlier job failed on (in that job's order).
 */
export type JobSelection =
  { filter: Omit<MessageFilter, "status" | "cluster" | "topic"> } | { messages: readonly MessageRef[] } | { failedIn: string };

const m = dlqMessage;

/** Key and value bytes: what a batch holds in memory for the record. */
const recordSize = sql`${m.valueSize} + coalesce(octet_length(${m.key}), 0)`;

/** The pending, unclaimed records of a selection, with an `ord` to number them by. */
function selectionSqlFor(cluster: string, topic: string, selection: JobSelection): SQL {
  if ("filter" in selection) {
    const where = and(...messageConditions({ ...selection.filter, cluster, topic, status: "pending" }), sql`${m.actionId} is null`);
    return sql`select ${m.partition} as p, ${m.offset} as o, ${m.originalTopic} as original_topic, ${recordSize} as size,
      row_number() over (order by ${m.timestamp}, ${m.partition}, ${m.offset}) as ord
      from ${m} where ${where}`;
  }
  if ("failedIn" in selection) {
    const f = triageJobFailure;
    return sql`select ${f.partition} as p, ${f.offset} as o, ${m.originalTopic} as original_topic, ${recordSize} as size, ${f.seq} as ord
      from ${f} join ${m} on ${m.cluster} = ${cluster} and ${m.topic} = ${topic} and ${m.partition} = ${f.partition} and ${m.offset} = ${f.offset}
        and ${m.status} = 'pending' and ${m.actionId} is null
      where ${f.jobId} = ${selection.failedIn}`;
  }
  const partitions = sql.param(selection.messages.map((r) => r.partition));
  const offsets = sql.param(selection.messages.map((r) => r.offset.toString()));
  // A record listed twice is taken once, at its first place.
  return sql`select u.p, u.o, min(${m.originalTopic}) as original_topic, min(${recordSize}) as size, min(u.ord) as ord
    from unnest(${partitions}::integer[], ${offsets}::bigint[]) with ordinality as u(p, o, ord)
    join ${m} on ${m.cluster} = ${cluster} and ${m.topic} = ${topic} and ${m.partition} = u.p and ${m.offset} = u.o
      and ${m.status} = 'pending' and ${m.actionId} is null
    group by u.p, u.o`;
}

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

/** Inserts the job and numbers its items; answers how many there are. */
export async function insertJob(tx: StoreTx, job: NewJob, selection: JobSelection): Promise<number> {
  await tx.insert(triageJob).values({ ...job, total: 0, state: "running" });
  const [counted] = rowsOf<{ total: number }>(
    await tx.execute(sql`
      with picked as (${selectionSqlFor(job.cluster, job.topic, selection)}),
      inserted as (
        insert into triage_job_item (job_id, seq, "partition", "offset", size)
        select ${job.id}::text, row_number() over (order by ord), p, o, size from picked
        returning 1
      )
      select count(*)::integer as total from inserted`),
  );
  const total = Number(counted?.total ?? 0);
  await tx
    .update(triageJob)
    .set({ total, state: total === 0 ? "completed" : "running", finishedAt: total === 0 ? new Date() : null })
    .where(eq(triageJob.id, job.id));
  return total;
}

/** What a job would act on, without creating it: the count, and the count per original topic. */
export async function previewSelection(store: Store, cluster: string, topic: string, selection: JobSelection) {
  const rows = rowsOf<{ original_topic: string | null; count: number | string }>(
    await store.db.execute(sql`
      select original_topic, count(*) as count from (${selectionSqlFor(cluster, topic, selection)}) s
      group by original_topic order by count(*) desc`),
  );
  const byOriginalTopic = rows.map((r) => ({ originalTopic: r.original_topic, count: Number(r.count) }));
  return { count: byOriginalTopic.reduce((sum, r) => sum + r.count, 0), byOriginalTopic };
}

/** The first records a job would take, for the dry run's sample. */
export async function sampleSelection(
  store: Store,
  cluster: string,
  topic: string,
  selection: JobSelection,
  limit: number,
): Promise<MessageRef[]> {
  const rows = rowsOf<{ p: number; o: string | bigint }>(
    await store.db.execute(sql`select p, o from (${selectionSqlFor(cluster, topic, selection)}) s order by ord limit ${limit}`),
  );
  return rows.map((r) => ({ partition: Number(r.p), offset: BigInt(r.o) }));
}

export async function getJob(db: StoreDatabase, id: string): Promise<JobRow | null> {
  const [row] = await db.select().from(triageJob).where(eq(triageJob.id, id));
  return row ?? null;
}

/** Newest first; `after` continues after the previous page's last job. */
export async function listJobs(
  store: Store,
  filter: { cluster?: string; topic?: string; state?: JobState; after?: { createdAt: Date; id: string }; limit: number },
) {
  const j = triageJob;
  const rows = await store.db
    .select()
    .from(j)
    .where(
      and(
        filter.cluster !== undefined ? eq(j.cluster, filter.cluster) : undefined,
        filter.topic !== undefined ? eq(j.topic, filter.topic) : undefined,
        filter.state !== undefined ? eq(j.state, filter.state) : undefined,
        filter.after && sql`(${j.createdAt}, ${j.id}) < (${filter.after.createdAt.toISOString()}::timestamptz, ${filter.after.id})`,
      ),
    )
    .orderBy(desc(j.createdAt), desc(j.id))
    .limit(filter.limit + 1);
  const jobs = rows.slice(0, filter.limit);
  const last = jobs.at(-1);
  return { jobs, next: rows.length > filter.limit && last ? { createdAt: last.createdAt, id: last.id } : null };
}

/** The job's failures counted by error text, most frequent first (ties by text), at most `limit` reasons. */
export async function jobFailureReasons(store: Store, jobId: string, limit: number): Promise<{ error: string; count: number }[]> {
  const f = triageJobFailure;
  const rows = await store.db
    .select({ error: f.error, count: sql<number | string>`count(*)` })
    .from(f)
    .where(eq(f.jobId, jobId))
    .groupBy(f.error)
    .orderBy(desc(sql`count(*)`), f.error)
    .limit(limit);
  return rows.map((r) => ({ error: r.error, count: Number(r.count) }));
}

export async function jobFailures(store: Store, jobId: string, limit: number) {
  return store.db.select().from(triageJobFailure).where(eq(triageJobFailure.jobId, jobId)).orderBy(triageJobFailure.seq).limit(limit);
}

/**
 * Claims the oldest job that needs a runner: one that is running or waiting for Kafka, or that still has records in
 * flight to reconcile, and whose previous runner's lease has run out (or, with `takeOverAny`, whoever held it —
 * right for the embedded store, which only one process can open).
 */
export async function claimNextJob(
  store: Store,
  runnerId: string,
  leaseMs: number,
  takeOverAny: boolean,
  cluster?: string,
): Promise<JobRow | null> {
  const j = triageJob;
  const free = takeOverAny ? sql`true` : sql`(${j.runnerId} is null or ${j.leaseUntil} < now())`;
  const ofCluster = cluster === undefined ? sql`true` : sql`${j.cluster} = ${cluster}`;
  const [row] = rowsOf<{ id: string }>(
    await store.db.execute(sql`
      update ${j} set runner_id = ${runnerId}, lease_until = now() + ${`${leaseMs} milliseconds`}::interval,
        started_at = coalesce(started_at, now()), updated_at = now()
      where id = (
        select id from ${j}
        where (state in ('running', 'waiting') or claimed_to > "cursor") and ${free} and ${ofCluster}
        order by created_at limit 1 for update skip locked)
      returning id`),
  );
  return row ? getJob(store.db, row.id) : null;
}

/** Renews the runner's lease and answers the job as it is now, or null when another runner has taken it over. */
export async function renewLease(db: StoreDatabase, job: Pick<JobRow, "id">, runnerId: string, leaseMs: number): Promise<JobRow | null> {
  const [row] = await db
    .update(triageJob)
    .set({ leaseUntil: sql`now() + ${`${leaseMs} milliseconds`}::interval` })
    .where(and(eq(triageJob.id, job.id), eq(triageJob.runnerId, runnerId)))
    .returning();
  return row ?? null;
}

export async function releaseJob(store: Store, job: Pick<JobRow, "id">, runnerId: string): Promise<void> {
  await store.db
    .update(triageJob)
    .set({ runnerId: null, leaseUntil: null })
    .where(and(eq(triageJob.id, job.id), eq(triageJob.runnerId, runnerId)));
}

export async function setJobError(
  store: Store,
  job: Pick<JobRow, "id">,
  runnerId: string,
  patch: { state?: JobState; lastError: string | null },
) {
  await store.db
    .update(triageJob)
    .set({ ...patch, ...(patch.lastError ? { lastErrorAt: new Date() } : {}), updatedAt: new Date() })
    .where(and(eq(triageJob.id, job.id), eq(triageJob.runnerId, runnerId)));
}

/** Locks the job row for an operator's state change in the caller's transaction. */
export async function lockJob(tx: StoreTx, id: string): Promise<JobRow | null> {
  const [row] = await tx.select().from(triageJob).where(eq(triageJob.id, id)).for("update");
  return row ?? null;
}

export async function setJobState(tx: StoreTx, id: string, state: JobState): Promise<JobRow> {
  const final = state === "cancelled" || state === "completed";
  const [row] = await tx
    .update(triageJob)
    .set({
      state,
      updatedAt: new Date(),
      ...(final ? { finishedAt: new Date() } : {}),
      ...(state === "running" ? { lastError: null } : {}),
    })
    .where(eq(triageJob.id, id))
    .returning();
  return row!;
}
