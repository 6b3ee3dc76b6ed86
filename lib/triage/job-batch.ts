// One step of a bulk job: a batch of redeliveries (claim → send → record), a batch of discards (one transaction),
// or the reconciliation of records a crash or a failed send left in flight. The state changes of a batch, its audit
// entries and the job's cursor commit together, so a batch is either recorded whole or not at all.
import type { AuditInput } from "@/lib/audit/audit-log";
import { appendAuditBatch } from "@/lib/audit/audit-log";
import { ApiError } from "@/lib/api/errors";
import { storedHeaders } from "@/lib/api/dlq-wire";
import type { FailureConvention } from "@/lib/dlq/failure-conventions";
import type { CustomHeaderMapping } from "@/lib/dlq/parse-failure";
import { redeliveryMessage, type RedeliveryMessage } from "@/lib/dlq/redelivery";
import {
  advanceJob,
  claimRecords,
  discardRecords,
  inFlightRecords,
  markRedelivered,
  nextItems,
  recordFailures,
  releaseClaims,
  resolvedByJob,
  type ClaimedRecord,
  type JobItem,
} from "@/lib/store/job-batches";
import type { JobRow } from "@/lib/store/job-queries";
import type { Store } from "@/lib/store/open-store";
import { jobActionId } from "./job-action-id";

export interface Produced {
  topic: string;
  partition: number;
  offset: string;
}

/** What a job needs of one cluster's Kafka. */
export interface JobKafka {
  topicNames(): Promise<Set<string>>;
  /** All or nothing from the caller's point of view: on any error, which records landed is found by `findRedeliveries`. */
  produceBatch(records: readonly (RedeliveryMessage & { topic: string })[]): Promise<Produced[]>;
  /** One record, with a clear error (too large, not authorised, …) when Kafka refuses it. */
  produceOne(topic: string, message: RedeliveryMessage): Promise<Produced>;
  findRedeliveries(topic: string, sinceMs: number, ids: ReadonlySet<string>): Promise<Map<string, Produced>>;
}

export interface JobBatchContext {
  store: Store;
  kafka: JobKafka;
  runnerId: string;
  customMappings?: readonly CustomHeaderMapping[];
  keepFailureHeaders?: boolean;
}

/** Keys and values of one batch, so that a DLQ of 900 KB records does not put 500 of them in memory at once. */
const MAX_BATCH_BYTES = 8 * 1024 * 1024;
/** A failed send may still be landing: look for its records only once this long has passed. */
export const RECONCILE_DELAY_MS = 3_000;
/** Reconciliation scans from a little before the claim, for brokers that stamp records with their own clock. */
const CLOCK_SLACK_MS = 60_000;

const jobActor = (job: JobRow): Pick<AuditInput, "actor" | "role" | "source"> => ({ actor: job.actor, role: job.role, source: job.source });
const recordFields = (job: JobRow, item: JobItem) => ({ cluster: job.cluster, topic: job.topic, partition: item.partition, offset: item.offset });

function redeliveredEntry(job: JobRow, item: JobItem & { actionId: string; originalTopic?: string | null }, target: Produced, extra: object = {}): AuditInput {
  return {
    ...jobActor(job),
    action: "message.redeliver",
    ...recordFields(job, item),
    target,
    details: { actionId: item.actionId, jobId: job.id, note: job.note, toOriginalTopic: item.originalTopic === undefined ? undefined : target.topic === item.originalTopic, ...extra },
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

export interface BatchResult {
  job: JobRow;
  processed: number;
  /** Set when Kafka refused the batch as a whole: the caller sends this range one record at a time. */
  refusedUpTo?: number;
}

export interface BatchStep {
  size: number;
  /** The rate measured so far, saved with the job's progress. */
  rate: number | null;
  /** Send each record alone, to tell which one Kafka refuses and why. */
  oneByOne?: boolean;
}

/** Redelivers the next batch. */
export async function redeliverBatch(ctx: JobBatchContext, job: JobRow, { size, rate, oneByOne = false }: BatchStep): Promise<BatchResult> {
  const { store, kafka } = ctx;
  const items = await nextItems(store.db, job, size, MAX_BATCH_BYTES);
  if (items.length === 0) return { job, processed: 0 };
  // Asked before anything is claimed: with Kafka away, the batch fails here and leaves nothing in flight.
  const topics = await kafka.topicNames();
  const actionIds = items.map((item) => jobActionId(job.id, item.seq));
  const claimed = await store.db.transaction((tx) => claimRecords(tx, job, items, actionIds));
  const claimedSeqs = new Set(claimed.map((c) => c.seq));
  const ours = await resolvedByJob(store.db, job, items.filter((i) => !claimedSeqs.has(i.seq)));
  const skipped = items.length - claimed.length - ours.size;

  const failures: { record: ClaimedRecord; error: string }[] = [];
  const sendable: ClaimedRecord[] = [];
  for (const record of claimed) {
    if (record.target === null) failures.push({ record, error: "The record's original topic is unknown and the job names no target topic" });
    else if (!topics.has(record.target)) failures.push({ record, error: `Target topic "${record.target}" does not exist` });
    else sendable.push(record);
  }
  const messages = sendable.map((record) => ({ topic: record.target!, ...redeliveryFor(ctx, job, record) }));

  const sent: { record: ClaimedRecord; produced: Produced }[] = [];
  if (oneByOne) {
    for (const [i, record] of sendable.entries()) {
      try {
        sent.push({ record, produced: await kafka.produceOne(record.target!, messages[i]!) });
      } catch (error) {
        if (error instanceof ApiError && error.code === "kafka_unavailable") throw error;
        failures.push({ record, error: error instanceof Error ? error.message : String(error) });
      }
    }
  } else if (messages.length > 0) {
    try {
      const produced = await kafka.produceBatch(messages);
      sendable.forEach((record, i) => sent.push({ record, produced: produced[i]! }));
    } catch (error) {
      if (error instanceof ApiError && error.code === "kafka_unavailable") throw error;
      // Some of the batch may have been written: the claims stay, the next step reconciles them, and the range is
      // then sent one record at a time so that the record Kafka refuses fails alone, with its reason.
      return { job: { ...job, claimedTo: items.at(-1)!.seq }, processed: 0, refusedUpTo: items.at(-1)!.seq };
    }
  }

  const updated = await store.db.transaction(async (tx) => {
    const moved = await markRedelivered(tx, job, sent.map((s) => s.record));
    if (moved.length !== sent.length) throw new Error(`job ${job.id}: ${sent.length - moved.length} claimed records changed under the job`);
    await releaseClaims(tx, job, failures.map((f) => f.record));
    const newFailures = await recordFailures(tx, job.id, failures.map((f) => ({ ...f.record, error: f.error })));
    await appendAuditBatch(tx, [
      ...sent.map(({ record, produced }) => redeliveredEntry(job, record, produced)),
      ...failures.map(({ record, error }) => failedEntry(job, record, error)),
    ]);
    return advanceJob(tx, job, ctx.runnerId, { cursor: items.at(-1)!.seq, done: sent.length, failed: newFailures, skipped, rate });
  });
  return { job: updated, processed: items.length };
}

function redeliveryFor(ctx: JobBatchContext, job: JobRow, record: ClaimedRecord): RedeliveryMessage {
  return redeliveryMessage(
    { topic: job.topic, partition: record.partition, offset: record.offset, key: record.key, value: record.value, headers: storedHeaders(record.headers), convention: record.convention as FailureConvention },
    record.actionId,
    { keepFailureHeaders: ctx.keepFailureHeaders, customMappings: ctx.customMappings },
  );
}

/** Discards the next batch in one transaction: no Kafka involved, nothing in flight. */
export async function discardBatch(ctx: JobBatchContext, job: JobRow, { size, rate }: BatchStep): Promise<BatchResult> {
  const { store } = ctx;
  const updated = await store.db.transaction(async (tx) => {
    const items = await nextItems(tx, job, size, Number.MAX_SAFE_INTEGER);
    if (items.length === 0) return null;
    const discarded = await discardRecords(tx, job, items);
    await appendAuditBatch(
      tx,
      discarded.map((item) => ({ ...jobActor(job), action: "message.discard", ...recordFields(job, item), details: { reason: job.reason, jobId: job.id } })),
    );
    return { items, job: await advanceJob(tx, job, ctx.runnerId, { cursor: items.at(-1)!.seq, done: discarded.length, failed: 0, skipped: items.length - discarded.length, rate }) };
  });
  return updated ? { job: updated.job, processed: updated.items.length } : { job, processed: 0 };
}

/**
 * Settles the records left in flight: each one found in its target by its x-redrive-id is recorded as redelivered
 * (where it landed); each one not found is released, and the next batch sends it again.
 */
export async function reconcileJob(ctx: JobBatchContext, job: JobRow): Promise<{ job: JobRow; landed: number; lost: number }> {
  const { store, kafka } = ctx;
  const since = job.inFlightSince?.getTime() ?? 0;
  const wait = since + RECONCILE_DELAY_MS - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  const inFlight = await inFlightRecords(store.db, job);
  const found = new Map<string, Produced>();
  const targets = new Set(inFlight.map((r) => r.target).filter((t): t is string => t !== null));
  const topics = targets.size > 0 ? await kafka.topicNames() : new Set<string>();
  for (const target of targets) {
    if (!topics.has(target)) continue;
    const ids = new Set(inFlight.filter((r) => r.target === target).map((r) => r.actionId));
    for (const [id, produced] of await kafka.findRedeliveries(target, since - CLOCK_SLACK_MS, ids)) found.set(id, produced);
  }
  const landed = inFlight.filter((r) => found.has(r.actionId));
  const lost = inFlight.filter((r) => !found.has(r.actionId));
  const updated = await store.db.transaction(async (tx) => {
    const moved = await markRedelivered(tx, job, landed);
    if (moved.length !== landed.length) throw new Error(`job ${job.id}: in-flight records changed during reconciliation`);
    await releaseClaims(tx, job, lost);
    await appendAuditBatch(tx, landed.map((r) => redeliveredEntry(job, r, found.get(r.actionId)!, { reconciled: true })));
    return advanceJob(tx, job, ctx.runnerId, { cursor: job.cursor, claimedTo: job.cursor, done: landed.length, failed: 0, skipped: 0 });
  });
  return { job: updated, landed: landed.length, lost: lost.length };
}
