// Bulk jobs as operators drive them: a dry run (how many, where to, a sample), creating a job (its items and its
// audit entry in one transaction), pausing, resuming and cancelling (each audited), and reading a job's progress.
import { randomUUID } from "node:crypto";
import { appendAudit } from "@/lib/audit/audit-log";
import type { Actor } from "@/lib/auth/actor";
import type { JobCommand, JobCreated, JobDetails, JobDryRun, JobRequest, JobSelector } from "@/lib/contract/job-schemas";
import { isFinalJobState, type JobState } from "@/lib/contract/job-states";
import { assertRedeliveryTarget, redeliveryTargetRefusal } from "@/lib/dlq/redelivery-target";
import { RedriveError } from "@/lib/errors";
import { listMessagesAt } from "@/lib/store/dlq-message-queries";
import { listMessageToWire } from "@/lib/store/dlq-wire";
import {
  getJob,
  insertJob,
  jobFailureReasons,
  jobFailures,
  lockJob,
  previewSelection,
  sampleSelection,
  setJobState,
  type JobRow,
  type JobSelection,
} from "@/lib/store/job-queries";
import type { Store } from "@/lib/store/open-store";
import { liftStatementTimeout } from "@/lib/store/store-timeout";

const SAMPLE_SIZE = 5;

export interface JobTarget {
  cluster: string;
  topic: string;
}

function selectionOf(request: JobRequest): JobSelection {
  if (request.failedIn) return { failedIn: request.failedIn };
  if (request.messages) return { messages: request.messages.map((m) => ({ partition: m.partition, offset: BigInt(m.offset) })) };
  const filter = request.filter ?? {};
  return {
    filter: {
      fingerprint: filter.fingerprint,
      originalTopic: filter.originalTopic,
      q: filter.q || undefined,
      from: filter.from ? new Date(filter.from) : undefined,
      to: filter.to ? new Date(filter.to) : undefined,
    },
  };
}

function selectorOf(request: JobRequest): JobSelector {
  if (request.failedIn) return { kind: "failed", jobId: request.failedIn };
  return request.messages ? { kind: "messages", count: request.messages.length } : { kind: "filter", filter: request.filter ?? {} };
}

/** A job whose failures are to be acted on must be one of this DLQ's: another DLQ's records are not this one's. */
async function assertFailedInHere(store: Store, where: JobTarget, request: JobRequest): Promise<void> {
  if (!request.failedIn) return;
  const earlier = await getJob(store.db, request.failedIn);
  if (!earlier || earlier.cluster !== where.cluster || earlier.topic !== where.topic) {
    throw new RedriveError("validation_failed", `failedIn: no job "${request.failedIn}" on DLQ ${where.topic} of cluster ${where.cluster}`);
  }
}

/**
 * What the job would do: how many pending records, to which topics (whether each exists, and why it is refused when
 * it is: a record's original topic can be forged), and the first few. `redeliverTargets` is REDRIVE_REDELIVER_TARGETS.
 */
export async function dryRunJob(
  store: Store,
  where: JobTarget,
  request: JobRequest,
  topicNames: () => Promise<Set<string>>,
  redeliverTargets?: RegExp,
): Promise<JobDryRun> {
  await assertFailedInHere(store, where, request);
  const selection = selectionOf(request);
  const [preview, sampleRefs] = await Promise.all([
    previewSelection(store, where.cluster, where.topic, selection),
    sampleSelection(store, where.cluster, where.topic, selection, SAMPLE_SIZE),
  ]);
  let targets: JobDryRun["targets"] = [];
  if (request.action === "redeliver" && preview.count > 0) {
    const topics = await topicNames();
    const target = (topic: string | null, count: number) => ({
      topic,
      count,
      exists: topic !== null && topics.has(topic),
      refusal: topic === null ? null : redeliveryTargetRefusal(topic, redeliverTargets),
    });
    targets = request.targetTopic
      ? [target(request.targetTopic, preview.count)]
      : preview.byOriginalTopic.map(({ originalTopic, count }) => target(originalTopic, count));
  }
  const sample = (await listMessagesAt(store, where.cluster, where.topic, sampleRefs)).map(listMessageToWire);
  return { dryRun: true, count: preview.count, targets, sample };
}

export async function createJob(
  store: Store,
  where: JobTarget,
  request: JobRequest,
  actor: Actor,
  topicNames: () => Promise<Set<string>>,
  redeliverTargets?: RegExp,
): Promise<JobCreated> {
  // A refused original topic fails its record alone when the job reaches it; a refused target named here fails them all.
  if (request.action === "redeliver" && request.targetTopic) assertRedeliveryTarget(request.targetTopic, "request", redeliverTargets);
  if (request.action === "redeliver" && request.targetTopic && !(await topicNames()).has(request.targetTopic)) {
    throw new RedriveError("validation_failed", `targetTopic: topic "${request.targetTopic}" does not exist on cluster ${where.cluster}`);
  }
  await assertFailedInHere(store, where, request);
  const id = randomUUID();
  const selector = selectorOf(request);
  const total = await store.db.transaction(async (tx) => {
    // A job over a whole DLQ lists every record it will act on here, however many.
    await liftStatementTimeout(tx);
    const count = await insertJob(
      tx,
      {
        id,
        cluster: where.cluster,
        topic: where.topic,
        action: request.action,
        selector,
        targetTopic: request.targetTopic ?? null,
        ratePerSecond: request.ratePerSecond ?? null,
        reason: request.reason ?? null,
        note: request.note ?? null,
        actor: actor.audit.actor,
        role: actor.audit.role ?? null,
        source: actor.audit.source ?? null,
      },
      selectionOf(request),
    );
    // Rolls the job back with it: an empty job is not worth a row, and the operator should hear why.
    if (count === 0) throw new RedriveError("validation_failed", "No pending message matches the selection: there is nothing to do");
    await appendAudit(tx, {
      ...actor.audit,
      action: "job.create",
      cluster: where.cluster,
      topic: where.topic,
      target: request.targetTopic ? { topic: request.targetTopic } : null,
      details: {
        jobId: id,
        action: request.action,
        selector,
        total: count,
        ratePerSecond: request.ratePerSecond ?? null,
        reason: request.reason ?? null,
        note: request.note ?? null,
      },
    });
    return count;
  });
  return { jobId: id, total };
}

const TRANSITIONS: Record<JobCommand, { from: readonly JobState[]; to: JobState }> = {
  pause: { from: ["running", "waiting"], to: "paused" },
  resume: { from: ["paused"], to: "running" },
  cancel: { from: ["running", "waiting", "paused"], to: "cancelled" },
};

export async function controlJob(store: Store, id: string, command: JobCommand, actor: Actor): Promise<JobDetails> {
  const { from, to } = TRANSITIONS[command];
  await store.db.transaction(async (tx) => {
    const job = await lockJob(tx, id);
    if (!job) throw new RedriveError("not_found", `No job "${id}"`);
    if (!from.includes(job.state)) {
      const why = isFinalJobState(job.state) ? `the job is already ${job.state}` : `the job is ${job.state}`;
      throw new RedriveError("conflict", `Cannot ${command}: ${why}`);
    }
    await setJobState(tx, id, to);
    await appendAudit(tx, {
      ...actor.audit,
      action: `job.${command}`,
      cluster: job.cluster,
      topic: job.topic,
      details: { jobId: id, from: job.state, to, done: job.done, remaining: job.total - job.done - job.failed - job.skipped },
    });
  });
  return getJobDetails(store, id);
}

export function jobToWire(job: JobRow): Omit<JobDetails, "failures" | "failureReasons"> {
  const remaining = Math.max(0, job.total - job.done - job.failed - job.skipped);
  const active = job.state === "running";
  return {
    id: job.id,
    cluster: job.cluster,
    topic: job.topic,
    action: job.action,
    selector: job.selector as JobSelector,
    targetTopic: job.targetTopic,
    ratePerSecond: job.ratePerSecond,
    reason: job.reason,
    note: job.note,
    state: job.state,
    total: job.total,
    done: job.done,
    failed: job.failed,
    skipped: job.skipped,
    remaining,
    rate: active ? job.rate : null,
    etaSeconds: active && job.rate && job.rate > 0 ? Math.ceil(remaining / job.rate) : null,
    createdBy: job.actor,
    role: job.role,
    createdAt: job.createdAt.toISOString(),
    startedAt: job.startedAt?.toISOString() ?? null,
    finishedAt: job.finishedAt?.toISOString() ?? null,
    updatedAt: job.updatedAt.toISOString(),
    lastError: job.lastError,
    lastErrorAt: job.lastErrorAt?.toISOString() ?? null,
  };
}

const FAILURES_SHOWN = 100;
const FAILURE_REASONS_SHOWN = 10;

export async function getJobDetails(store: Store, id: string): Promise<JobDetails> {
  const job = await getJob(store.db, id);
  if (!job) throw new RedriveError("not_found", `No job "${id}"`);
  const [failures, failureReasons] =
    job.failed > 0
      ? await Promise.all([jobFailures(store, id, FAILURES_SHOWN), jobFailureReasons(store, id, FAILURE_REASONS_SHOWN)])
      : [[], []];
  return {
    ...jobToWire(job),
    failureReasons,
    failures: failures.map((f) => ({ partition: f.partition, offset: f.offset.toString(), error: f.error, at: f.at.toISOString() })),
  };
}
