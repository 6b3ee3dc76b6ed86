// Runs the bulk-job runners inside the server, one per cluster whose jobs this instance runs (REDRIVE_JOBS=false or a
// cluster's `jobs: false` turns it off), so a cluster whose brokers do not answer holds up no other cluster's jobs.
// Kept on globalThis so a dev hot reload does not start a second set. Every instance also sweeps single redeliveries
// whose outcome is unknown.
import "server-only";
import { hostname } from "node:os";
import { randomUUID } from "node:crypto";
import { log } from "@/lib/log";
import type { Store } from "@/lib/store/open-store";
import { JobRunner } from "@/lib/triage/job-runner";
import type { JobKafka } from "@/lib/triage/job-batch";
import { RECONCILE_DELAY_MS } from "@/lib/triage/job-batch";
import { hasUnconfirmedRedeliveries, reconcileStaleRedeliveries } from "@/lib/triage/reconcile-redeliveries";
import { serverContext, type ClusterContext } from "./context";

const holder = globalThis as {
  __redriveJobRunners?: Map<string, JobRunner>;
  __redriveRedeliveryChecks?: RedeliveryChecks;
};
const runners = (holder.__redriveJobRunners ??= new Map());
const SWEEP_INTERVAL_MS = 60_000;
/** While a check waits (for Kafka to answer, most often), how often it is tried again. */
const RECHECK_MS = 5_000;

/** Starts the runner of the context's cluster, with that cluster's settings. */
export function startJobRunner(ctx: ClusterContext): void {
  if (runners.has(ctx.cluster.id)) return;
  const { settings } = ctx.cluster;
  const runner = new JobRunner({
    store: ctx.store,
    kafkaFor: () => ctx.kafka.jobs,
    cluster: ctx.cluster.id,
    runnerId: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
    takeOverAny: ctx.store.kind === "pglite",
    customMappings: settings.headerMappings,
    keepFailureHeaders: settings.keepFailureHeaders,
    redeliverTargets: settings.redeliverTargets,
  });
  runners.set(ctx.cluster.id, runner);
  runner.start();
}

/** Stops the cluster's runner once its current batch is done; it releases its job for whichever runner claims it next. */
export async function stopJobRunner(clusterId: string): Promise<void> {
  const runner = runners.get(clusterId);
  runners.delete(clusterId);
  await runner?.stop();
}

/** Each cluster's job Kafka through its context; a cluster removed from the config fails its targets' check (not_found). */
async function jobKafkaByCluster(): Promise<(cluster: string) => JobKafka> {
  const server = await serverContext();
  return (cluster) => server.cluster(cluster).kafka.jobs;
}

/** Sweeps one store's single redeliveries of unknown outcome: now and then, soon when asked, often while one waits. */
class RedeliveryChecks {
  private timer: NodeJS.Timeout | null = null;
  private dueAt = Infinity;
  private running = false;

  constructor(private readonly store: Store) {}

  /** Sweeps in `delayMs` (or sooner, if a sweep is due before). */
  schedule(delayMs: number): void {
    if (Date.now() + delayMs >= this.dueAt) return;
    if (this.timer) clearTimeout(this.timer);
    this.dueAt = Date.now() + delayMs;
    this.timer = setTimeout(() => void this.sweep(), delayMs);
    this.timer.unref();
  }

  async sweep(olderThanMs?: number): Promise<void> {
    this.timer = null;
    this.dueAt = Infinity;
    if (this.running) return this.schedule(RECHECK_MS);
    this.running = true;
    try {
      await reconcileStaleRedeliveries(this.store, await jobKafkaByCluster(), olderThanMs);
    } catch (error) {
      log.warn({ err: error instanceof Error ? error.message : String(error) }, "could not check whether redeliveries landed; retrying");
    } finally {
      this.running = false;
    }
    const waiting = await hasUnconfirmedRedeliveries(this.store).catch(() => true);
    this.schedule(waiting ? RECHECK_MS : SWEEP_INTERVAL_MS);
  }
}

/** Starts the sweep of single redeliveries whose outcome is unknown. */
export function startRedeliveryChecks(store: Store): void {
  if (holder.__redriveRedeliveryChecks) return;
  const checks = (holder.__redriveRedeliveryChecks = new RedeliveryChecks(store));
  // Only one process can open the embedded store, so at start every claim in it is a dead process's.
  void checks.sweep(store.kind === "pglite" ? 0 : undefined);
}

/** A send's answer was lost: check the target once the write, if under way, has had time to land. */
export function checkUnconfirmedRedeliveriesSoon(): void {
  holder.__redriveRedeliveryChecks?.schedule(RECONCILE_DELAY_MS);
}

/** Tells this server's runners that a job is ready (created or resumed), so it starts without waiting for a poll. */
export function wakeJobRunner(clusterId?: string): void {
  for (const [id, runner] of runners) if (clusterId === undefined || id === clusterId) runner.wake();
}
