// Runs bulk jobs, one at a time per runner (one runner per server). A runner claims a job with a lease in the store
// and renews it every batch, so only one instance works on a job and another takes over if this one dies. Kafka
// going away puts the job in "waiting"; it carries on by itself when Kafka answers again.
import { appendAudit } from "@/lib/audit/audit-log";
import { describeKafkaWait } from "@/lib/cluster/kafka-wait";
import { isErrorKind } from "@/lib/errors";
import { log } from "@/lib/log";
import { LeaseLostError, releaseClaim } from "@/lib/store/job-batches";
import { claimNextJob, releaseJob, renewLease, setJobError, setJobState, type JobRow } from "@/lib/store/job-queries";
import type { Store } from "@/lib/store/open-store";
import { refreshStatistics } from "@/lib/store/statistics";
import {
  BatchRefusedError,
  claimBatch,
  discardBatch,
  reconcileJob,
  recordBatch,
  sendBatch,
  type JobBatchContext,
  type JobKafka,
} from "./job-batch";
import { runRedeliveries } from "./job-pipeline";
import { Pace } from "./job-pace";

export interface JobRunnerOptions {
  store: Store;
  kafkaFor(cluster: string): JobKafka;
  runnerId: string;
  /** Run only this cluster's jobs (one runner per cluster, so a cluster whose brokers do not answer holds up no other's). */
  cluster?: string;
  /** The embedded store has one process: a lease held by anyone else is a dead process's. */
  takeOverAny: boolean;
  leaseMs?: number;
  pollMs?: number;
  retryMs?: number;
  customMappings?: JobBatchContext["customMappings"];
  keepFailureHeaders?: boolean;
  redeliverTargets?: RegExp;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class JobRunner {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;
  private readonly leaseMs: number;
  private readonly retryMs: number;
  private readonly log = log.child({ component: "job-runner" });

  constructor(private readonly options: JobRunnerOptions) {
    this.leaseMs = options.leaseMs ?? 15_000;
    this.retryMs = options.retryMs ?? 2_000;
  }

  get id(): string {
    return this.options.runnerId;
  }

  start(): void {
    this.timer = setInterval(() => this.wake(), this.options.pollMs ?? 1_000);
    this.timer.unref();
    this.wake();
  }

  /** Looks for a job now (after one is created or resumed) instead of at the next poll. */
  wake(): void {
    if (this.running || this.stopped) return;
    this.running = this.runNext().finally(() => (this.running = undefined));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }

  private async runNext(): Promise<void> {
    const { store, runnerId, takeOverAny } = this.options;
    let job: JobRow | null;
    try {
      job = await claimNextJob(store, runnerId, this.leaseMs, takeOverAny, this.options.cluster);
    } catch (error) {
      this.log.warn({ err: (error as Error).message }, "could not look for bulk jobs");
      return;
    }
    if (!job) return;
    this.log.info({ jobId: job.id, action: job.action, total: job.total }, "running bulk job");
    // A job's batches look records up by key; with missing statistics the planner would scan the DLQ for each.
    await refreshStatistics(store, ["dlq_message", "triage_job_item"]).catch((error: unknown) =>
      this.log.warn({ err: (error as Error).message }, "could not refresh statistics"),
    );
    try {
      await this.run(job);
    } finally {
      await releaseJob(store, job, runnerId).catch(() => undefined);
    }
    // Another job may be waiting behind this one.
    if (!this.stopped) setImmediate(() => this.wake());
  }

  private async run(claimed: JobRow): Promise<void> {
    const { store, runnerId } = this.options;
    const ctx: JobBatchContext = {
      store,
      kafka: this.options.kafkaFor(claimed.cluster),
      runnerId,
      customMappings: this.options.customMappings,
      keepFailureHeaders: this.options.keepFailureHeaders,
      redeliverTargets: this.options.redeliverTargets,
    };
    const pace = new Pace(claimed.ratePerSecond);
    // Only a step that got through shows Kafka is back; flipping back before trying would make the state flap. The
    // error a step failed with is shown until one gets through, then cleared.
    const backToRunning = async (job: JobRow) => {
      if (job.state === "waiting") await setJobError(store, job, runnerId, { state: "running", lastError: null });
      else if (job.lastError !== null) await setJobError(store, job, runnerId, { lastError: null });
    };
    let refusedUpTo = 0;
    while (!this.stopped) {
      let job: JobRow | null = null;
      try {
        job = await renewLease(store.db, claimed, runnerId, this.leaseMs);
        if (!job) return this.log.warn({ jobId: claimed.id }, "another runner took the job over");
        if (job.claimedTo > job.cursor) {
          const { landed, lost } = await reconcileJob(ctx, job);
          this.log.info(
            { jobId: job.id, landed, lost },
            "reconciled records left in flight: those found in their target are recorded, the rest are sent again",
          );
          continue;
        }
        if (job.state === "paused" || job.state === "cancelled" || job.state === "completed") return;
        if (job.cursor >= job.total) return void (await this.complete(job));
        if (job.action === "discard") {
          await sleep(pace.delay());
          const { job: after, processed } = await discardBatch(ctx, job, pace.batchSize(), pace.rate());
          pace.sent(processed);
          await backToRunning(after);
        } else if (job.cursor < refusedUpTo) {
          // Kafka refused a batch in this range: each record alone, so the one it refuses fails by itself, with why.
          const batch = await claimBatch(ctx, job, job.cursor, pace.batchSize());
          if (batch) await backToRunning(await recordBatch(ctx, job, await sendBatch(ctx, batch, true), pace.rate()));
        } else {
          await runRedeliveries(ctx, job, pace, { leaseMs: this.leaseMs, isStopped: () => this.stopped, onRecorded: backToRunning });
        }
      } catch (error) {
        if (error instanceof LeaseLostError) return this.log.warn({ jobId: claimed.id }, error.message);
        if (error instanceof BatchRefusedError) {
          refusedUpTo = error.lastSeq;
          // Nothing of it was written (a one-topic batch Redrive may not write): no records to look for in the target,
          // which Redrive may well not be allowed to read either. Should giving the claim back fail, reconciliation runs.
          if (error.nothingWritten) await releaseClaim(store.db, claimed, runnerId).catch(() => undefined);
          this.log.warn({ jobId: claimed.id, err: error.message }, "Kafka refused a batch; sending its records one at a time");
          continue;
        }
        const unavailable = isErrorKind(error, "kafka_unavailable");
        const wait = unavailable ? describeKafkaWait(error, ctx.kafka.brokerNodes()) : null;
        const message = `${error instanceof Error ? error.message : String(error)}${wait ? ` — ${wait}` : ""}`;
        if (!unavailable) this.log.error({ jobId: claimed.id, err: message }, "bulk job step failed; retrying");
        await setJobError(store, claimed, runnerId, {
          ...(unavailable && job?.state === "running" ? { state: "waiting" as const } : {}),
          lastError: message,
        }).catch(() => undefined);
        await sleep(this.retryMs);
      }
    }
  }

  private async complete(job: JobRow): Promise<void> {
    await this.options.store.db.transaction(async (tx) => {
      await setJobState(tx, job.id, "completed");
      await appendAudit(tx, {
        actor: "system:job-runner",
        role: null,
        action: "job.complete",
        cluster: job.cluster,
        topic: job.topic,
        details: { jobId: job.id, action: job.action, total: job.total, done: job.done, failed: job.failed, skipped: job.skipped },
      });
    });
    this.log.info({ jobId: job.id, done: job.done, failed: job.failed, skipped: job.skipped }, "bulk job completed");
  }
}
