// Runs the bulk-job runner inside the server (REDRIVE_JOBS=false turns it off), kept on globalThis so a dev hot
// reload does not start a second one, and sweeps single redeliveries whose outcome is unknown (every instance does).
import "server-only";
import { hostname } from "node:os";
import { randomUUID } from "node:crypto";
import { getCluster } from "@/lib/config/clusters";
import { serverEnv } from "@/lib/env";
import { jobKafkaFor } from "@/lib/kafka/job-kafka";
import { log } from "@/lib/log";
import type { Store } from "@/lib/store/open-store";
import { JobRunner } from "@/lib/triage/job-runner";
import type { JobKafka } from "@/lib/triage/job-batch";
import { RECONCILE_DELAY_MS } from "@/lib/triage/job-batch";
import { hasUnconfirmedRedeliveries, reconcileStaleRedeliveries } from "@/lib/triage/reconcile-redeliveries";

const holder = globalThis as {
  __redriveJobRunner?: JobRunner;
  __redriveJobKafka?: Map<string, JobKafka>;
  __redriveRedeliveryChecks?: RedeliveryChecks;
};
const SWEEP_INTERVAL_MS = 60_000;
/** While a check waits (for Kafka to answer, most often), how often it is tried again. */
const RECHECK_MS = 5_000;

function kafkaFor(clusterId: string): JobKafka {
  const cache = (holder.__redriveJobKafka ??= new Map());
  let kafka = cache.get(clusterId);
  if (!kafka) cache.set(clusterId, (kafka = jobKafkaFor(getCluster(clusterId))));
  return kafka;
}

export function startJobRunner(store: Store): void {
  if (holder.__redriveJobRunner) return;
  const env = serverEnv();
  const runner = new JobRunner({
    store,
    kafkaFor,
    runnerId: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
    takeOverAny: store.kind === "pglite",
    customMappings: env.REDRIVE_HEADER_MAPPINGS,
    keepFailureHeaders: env.REDRIVE_KEEP_FAILURE_HEADERS,
    redeliverTargets: env.REDRIVE_REDELIVER_TARGETS,
  });
  holder.__redriveJobRunner = runner;
  runner.start();
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
      await reconcileStaleRedeliveries(this.store, kafkaFor, olderThanMs);
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

/** Tells this server's runner that a job is ready (created or resumed), so it starts without waiting for a poll. */
export function wakeJobRunner(): void {
  holder.__redriveJobRunner?.wake();
}
