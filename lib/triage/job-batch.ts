// The steps of a bulk job. A redelivery batch is claimed (records locked and checked, the job's claimed range
// extended, in one short transaction), sent, and recorded (statuses, failure-group counts, one audit entry per
// message and the job's cursor, in one transaction), so a batch is either recorded whole or not at all; the runner
// sends one batch while it records the one before and claims the one after. A discard batch is one transaction.
// Records a failed send or a crash left in flight are reconciled by their x-redrive-id.
import type { AuditInput } from "@/lib/audit/audit-log";
import { appendAuditBatch, prepareAuditBatch } from "@/lib/audit/audit-log";
import type { FailureConvention } from "@/lib/dlq/failure-conventions";
import type { CustomHeaderMapping } from "@/lib/dlq/parse-failure";
import { keptOnRedelivery, redeliveryMessage, type RedeliveryMessage } from "@/lib/dlq/redelivery";
import { redeliveryTargetRefusal } from "@/lib/dlq/redelivery-target";
import { errorChain } from "@/lib/error-chain";
import { isErrorKind } from "@/lib/errors";
import { storedHeaders } from "@/lib/store/dlq-wire";
import {
  advanceJob,
  claimableRecords,
  claimRecords,
  discardRecords,
  extendClaim,
  inFlightRecords,
  lockDlqClaims,
  markRedelivered,
  nextItems,
  recordFailures,
  type Claim,
  type ClaimedRecord,
  type JobItem,
} from "@/lib/store/job-batches";
import type { JobRow } from "@/lib/store/job-queries";
import type { Store, StoreTx } from "@/lib/store/open-store";
import { liftStatementTimeout } from "@/lib/store/store-timeout";
import { jobActionId } from "./job-action-id";

export interface Produced {
  topic: string;
  partition: number;
  offset: string;
}

/** What a job needs of one cluster's Kafka. */
export interface JobKafka {
  /**
   * The topics that exist, from a list that may be a few seconds old: read again first when it lacks any of
   * `needed`, so a topic created since is never taken for a missing one.
   */
  topicNames(needed?: Iterable<string>): Promise<Set<string>>;
  /**
   * All or nothing from the caller's point of view: on any error, which records landed is found by `findRedeliveries`
   * — unless the error says `nothingWritten: true` (a one-topic batch refused as not authorised), when none did.
   */
  produceBatch(records: readonly (RedeliveryMessage & { topic: string })[]): Promise<Produced[]>;
  /** One record, with a clear error (too large, not authorised, …) when Kafka refuses it. */
  produceOne(topic: string, message: RedeliveryMessage): Promise<Produced>;
  findRedeliveries(topic: string, sinceMs: number, ids: ReadonlySet<string>): Promise<Map<string, Produced>>;
  /** "host:port" → node id of the brokers seen so far, to name the one a waiting job waits for. */
  brokerNodes(): ReadonlyMap<string, number>;
}

export interface JobBatchContext {
  store: Store;
  kafka: JobKafka;
  runnerId: string;
  customMappings?: readonly CustomHeaderMapping[];
  keepFailureHeaders?: boolean;
  /** REDRIVE_REDELIVER_TARGETS: when set, the only topics a record may go to (system topics never). */
  redeliverTargets?: RegExp;
}

/** Keys and values of one batch, so that a DLQ of 900 KB records does not put 500 of them in memory at once. */
const MAX_BATCH_BYTES = 8 * 1024 * 1024;
/** A failed send may still be landing: look for its records only once this long has passed. */
export const RECONCILE_DELAY_MS = 3_000;
/** How long after Kafka answers again a send held by a stalled broker may take to land and show to readers. */
const LATE_LANDING_MS = 10_000;
/** Reconciliation scans from a little before the claim, for brokers that stamp records with their own clock. */
const CLOCK_SLACK_MS = 60_000;

/** Kafka refused a batch as a whole (not for being unreachable): the runner sends the range again one by one. */
export class BatchRefusedError extends Error {
  /** Kafka wrote none of the batch: the records in flight need no reconciliation, their claim is simply given back. */
  readonly nothingWritten: boolean;

  constructor(
    readonly lastSeq: number,
    cause: unknown,
  ) {
    super(`Kafka refused a batch: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = "BatchRefusedError";
    this.nothingWritten = errorChain(cause).some((e) => (e as { nothingWritten?: unknown }).nothingWritten === true);
  }
}

interface Outgoing extends ClaimedRecord {
  actionId: string;
  target: string;
  message: RedeliveryMessage;
}

export interface ClaimedBatch {
  lastSeq: number;
  items: number;
  skipped: number;
  outgoing: Outgoing[];
  failures: { record: ClaimedRecord & { actionId: string; target: string | null }; error: string }[];
}

export interface SentBatch extends ClaimedBatch {
  sent: { record: Outgoing; produced: Produced }[];
}

const jobActor = (job: JobRow): Pick<AuditInput, "actor" | "role" | "source"> => ({ actor: job.actor, role: job.role, source: job.source });
const recordFields = (job: JobRow, item: JobItem) => ({
  cluster: job.cluster,
  topic: job.topic,
  partition: item.partition,
  offset: item.offset,
});

// Written out field by field, without spreads: a job builds one of these per message.
function redeliveredEntry(
  job: JobRow,
  item: JobItem & { actionId: string; originalTopic: string | null },
  target: Produced,
  extra?: object,
): AuditInput {
  const details = {
    actionId: item.actionId,
    jobId: job.id,
    note: job.note,
    originalTopic: item.originalTopic,
    toOriginalTopic: target.topic === item.originalTopic,
  };
  return {
    actor: job.actor,
    role: job.role,
    source: job.source,
    action: "message.redeliver",
    cluster: job.cluster,
    topic: job.topic,
    partition: item.partition,
    offset: item.offset,
    target,
    details: extra ? { ...details, ...extra } : details,
  };
}

function failedEntry(job: JobRow, item: JobItem & { actionId: string; target: string | null }, error: string): AuditInput {
  return {
    ...jobActor(job),
    action: "message.redeliver_failed",
    ...recordFields(job, item),
    target: item.target ? { topic: item.target } : null,
    details: { actionId: item.actionId, jobId: job.id, error },
  };
}

/** Claims the items after `afterSeq` and works out what each becomes: a record to send, or a failure and why. Null when none are left. */
export async function claimBatch(ctx: JobBatchContext, job: JobRow, afterSeq: number, size: number): Promise<ClaimedBatch | null> {
  const items = await nextItems(ctx.store.db, job, afterSeq, size, MAX_BATCH_BYTES);
  if (items.length === 0) return null;
  // Asked before anything is claimed: with Kafka away, the batch fails here and leaves nothing in flight.
  await ctx.kafka.topicNames();
  return toClaimedBatch(ctx, job, await claimRecords(ctx.store.db, job, items), items.length);
}

async function toClaimedBatch(ctx: JobBatchContext, job: JobRow, claim: Claim, items: number): Promise<ClaimedBatch> {
  const targetOf = (record: ClaimedRecord) => job.targetTopic ?? record.originalTopic;
  // A refused target (a forged original-topic header, say) fails its record before it is sent; the rest go on.
  const refusalOf = (target: string) => redeliveryTargetRefusal(target, ctx.redeliverTargets);
  const allowed = claim.records.map(targetOf).filter((t): t is string => t !== null && refusalOf(t) === null);
  // The list may be a few seconds old: one that lacks a target is read again before the records fail for it.
  const topics = await ctx.kafka.topicNames(allowed);
  const batch: ClaimedBatch = { lastSeq: claim.lastSeq, items, skipped: claim.skipped, outgoing: [], failures: [] };
  for (const record of claim.records) {
    const actionId = jobActionId(job.id, record.seq);
    const target = targetOf(record);
    const refusal = target === null ? null : refusalOf(target);
    if (target === null)
      batch.failures.push({
        record: { ...record, actionId, target },
        error: "The record's original topic is unknown and the job names no target topic",
      });
    else if (refusal !== null) batch.failures.push({ record: { ...record, actionId, target }, error: `Target topic refused: ${refusal}` });
    else if (!topics.has(target))
      batch.failures.push({ record: { ...record, actionId, target }, error: `Target topic "${target}" does not exist` });
    else batch.outgoing.push({ ...record, actionId, target, message: redeliveryFor(ctx, job, record, actionId) });
  }
  return batch;
}

/**
 * The pipeline's store step, in one transaction (one flush to disk): records the batch that was sent, if any, renews
 * the lease, and — while the job is still to go on — claims the items after `afterSeq`. Answers the job as it now
 * is and the claimed batch (null when the job stops or has no items left).
 */
export async function recordAndClaim(
  ctx: JobBatchContext,
  job: JobRow,
  step: { sent: SentBatch | null; afterSeq: number; size: number; rate: number | null; leaseMs: number; goOn: () => boolean },
): Promise<{ job: JobRow; next: ClaimedBatch | null }> {
  const items = step.goOn() ? await nextItems(ctx.store.db, job, step.afterSeq, step.size, MAX_BATCH_BYTES) : [];
  // As in claimBatch: Kafka is asked before anything is claimed.
  if (items.length > 0) await ctx.kafka.topicNames();
  const { updated, held } = await ctx.store.db.transaction(async (tx) => {
    await liftStatementTimeout(tx);
    // The claims lock before any record's row lock: a single action takes them in that order too, so the two
    // cannot wait on each other.
    if (items.length > 0) await lockDlqClaims(tx, job, "exclusive");
    const updated = step.sent
      ? await recordIn(tx, ctx, job, step.sent, step.rate, step.leaseMs)
      : await advanceJob(tx, job, ctx.runnerId, { cursor: job.cursor, done: 0, failed: 0, skipped: 0, leaseMs: step.leaseMs });
    const goOn = items.length > 0 && (updated.state === "running" || updated.state === "waiting") && step.goOn();
    return { updated, held: goOn ? await extendClaim(tx, updated, items) : null };
  });
  if (!held) return { job: updated, next: null };
  return {
    job: updated,
    next: await toClaimedBatch(ctx, updated, await claimableRecords(ctx.store.db, updated, items, held), items.length),
  };
}

function redeliveryFor(ctx: JobBatchContext, job: JobRow, record: ClaimedRecord, actionId: string): RedeliveryMessage {
  const convention = record.convention as FailureConvention;
  // Only the headers that go out are decoded from base64 (the failure headers are most of a DLQ record's); what
  // redeliveryMessage would strip is stripped here, by the same rule.
  const kept = record.headers.filter(({ key }) => keptOnRedelivery(key, convention, ctx));
  return redeliveryMessage(
    {
      topic: job.topic,
      partition: record.partition,
      offset: record.offset,
      key: record.key,
      value: record.value,
      headers: storedHeaders(kept),
      convention,
    },
    actionId,
    { keepFailureHeaders: true, customMappings: ctx.customMappings },
  );
}

/** Sends a claimed batch in one request, or each record alone (`oneByOne`), to tell which one Kafka refuses and why. */
export async function sendBatch(ctx: JobBatchContext, batch: ClaimedBatch, oneByOne = false): Promise<SentBatch> {
  const sent: SentBatch["sent"] = [];
  const failures = [...batch.failures];
  if (oneByOne) {
    for (const record of batch.outgoing) {
      try {
        sent.push({ record, produced: await ctx.kafka.produceOne(record.target, record.message) });
      } catch (error) {
        if (isErrorKind(error, "kafka_unavailable")) throw error;
        failures.push({ record, error: error instanceof Error ? error.message : String(error) });
      }
    }
  } else if (batch.outgoing.length > 0) {
    try {
      const produced = await ctx.kafka.produceBatch(batch.outgoing.map((r) => ({ topic: r.target, ...r.message })));
      batch.outgoing.forEach((record, i) => sent.push({ record, produced: produced[i]! }));
    } catch (error) {
      if (isErrorKind(error, "kafka_unavailable")) throw error;
      throw new BatchRefusedError(batch.lastSeq, error);
    }
  }
  return { ...batch, failures, sent };
}

/** Records a sent batch: statuses, counts, one audit entry per message, the failures and the job's cursor, together. */
export async function recordBatch(ctx: JobBatchContext, job: JobRow, batch: SentBatch, rate: number | null): Promise<JobRow> {
  return ctx.store.db.transaction(async (tx) => {
    await liftStatementTimeout(tx);
    return recordIn(tx, ctx, job, batch, rate);
  });
}

async function recordIn(
  tx: StoreTx,
  ctx: JobBatchContext,
  job: JobRow,
  batch: SentBatch,
  rate: number | null,
  leaseMs?: number,
): Promise<JobRow> {
  const marking = markRedelivered(
    tx,
    job,
    batch.sent.map((s) => s.record),
  );
  // Awaited below; the entries are hashed while PostgreSQL updates the records (the update is on its way once the
  // event loop has turned), where the hashing would otherwise wait for it.
  marking.catch(() => undefined);
  await new Promise((resolve) => setImmediate(resolve));
  const audit = prepareAuditBatch(ctx.store, [
    ...batch.sent.map(({ record, produced }) => redeliveredEntry(job, record, produced)),
    ...batch.failures.map(({ record, error }) => failedEntry(job, record, error)),
  ]);
  const marked = await marking;
  const newFailures = await recordFailures(
    tx,
    job.id,
    batch.failures.map((f) => ({ ...f.record, error: f.error })),
  );
  await appendAuditBatch(ctx.store, tx, audit);
  return advanceJob(tx, job, ctx.runnerId, {
    cursor: batch.lastSeq,
    done: marked,
    failed: newFailures,
    skipped: batch.skipped,
    rate,
    leaseMs,
  });
}

/** Discards the next batch in one transaction: no Kafka involved, nothing in flight. */
export async function discardBatch(
  ctx: JobBatchContext,
  job: JobRow,
  size: number,
  rate: number | null,
): Promise<{ job: JobRow; processed: number }> {
  const updated = await ctx.store.db.transaction(async (tx) => {
    await liftStatementTimeout(tx);
    const items = await nextItems(tx, job, job.cursor, size, Number.MAX_SAFE_INTEGER);
    if (items.length === 0) return null;
    const discarded = await discardRecords(tx, job, items);
    await appendAuditBatch(
      ctx.store,
      tx,
      discarded.map((item) => ({
        ...jobActor(job),
        action: "message.discard",
        ...recordFields(job, item),
        details: { reason: job.reason, jobId: job.id },
      })),
    );
    return {
      items,
      job: await advanceJob(tx, job, ctx.runnerId, {
        cursor: items.at(-1)!.seq,
        done: discarded.length,
        failed: 0,
        skipped: items.length - discarded.length,
        rate,
      }),
    };
  });
  return updated ? { job: updated.job, processed: updated.items.length } : { job, processed: 0 };
}

/**
 * Settles the claimed records still pending: each one found in its target by its x-redrive-id is recorded as
 * redelivered (where it landed); the others are simply sent by the next batch, the claimed range given back.
 */
export async function reconcileJob(ctx: JobBatchContext, job: JobRow): Promise<{ job: JobRow; landed: number; lost: number }> {
  const { store, kafka } = ctx;
  const since = job.inFlightSince?.getTime() ?? 0;
  const wait = since + RECONCILE_DELAY_MS - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  const inFlight = (await inFlightRecords(store.db, job)).map((r) => ({
    ...r,
    actionId: jobActionId(job.id, r.seq),
    target: job.targetTopic ?? r.originalTopic,
  }));
  const found = new Map<string, Produced>();
  const targets = new Set(inFlight.map((r) => r.target).filter((t): t is string => t !== null));
  const topics = targets.size > 0 ? await kafka.topicNames(targets) : new Set<string>();
  const look = async () => {
    for (const target of targets) {
      if (!topics.has(target)) continue;
      const ids = new Set(inFlight.filter((r) => r.target === target && !found.has(r.actionId)).map((r) => r.actionId));
      if (ids.size === 0) continue;
      for (const [id, produced] of await kafka.findRedeliveries(target, since - CLOCK_SLACK_MS, ids)) found.set(id, produced);
    }
  };
  await look();
  // A send cut off by an outage can still be held by a broker that stalled (stopped, or cut off with its sockets open): it
  // lands when that broker resumes, which may be just as Kafka answers again, and readers see it once the followers have
  // copied it. So what is missing is looked for once more, a while after Kafka first answered, before it is sent again.
  if (found.size < inFlight.length && targets.size > 0) {
    await new Promise((resolve) => setTimeout(resolve, LATE_LANDING_MS));
    await look();
  }
  const landed = inFlight.filter((r) => found.has(r.actionId));
  const updated = await store.db.transaction(async (tx) => {
    await liftStatementTimeout(tx);
    const marked = await markRedelivered(tx, job, landed);
    await appendAuditBatch(
      store,
      tx,
      landed.map((r) => redeliveredEntry(job, r, found.get(r.actionId)!, { reconciled: true })),
    );
    return advanceJob(tx, job, ctx.runnerId, { cursor: job.cursor, claimedTo: job.cursor, done: marked, failed: 0, skipped: 0 });
  });
  return { job: updated, landed: landed.length, lost: inFlight.length - landed.length };
}
