// Runs the bulk-job runner inside the server (REDRIVE_JOBS=false turns it off), kept on globalThis so a dev hot
// reload does not start a second one, and sweeps single redeliveries a crash left in flight.
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
import { reconcileStaleRedeliveries } from "@/lib/triage/reconcile-redeliveries";

const holder = globalThis as { __redriveJobRunner?: JobRunner; __redriveJobKafka?: Map<string, JobKafka> };
const SWEEP_INTERVAL_MS = 60_000;

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
  const sweep = (olderThanMs?: number) =>
    reconcileStaleRedeliveries(store, kafkaFor, olderThanMs).catch((error: unknown) =>
      log.warn({ err: error instanceof Error ? error.message : String(error) }, "could not reconcile stale redeliveries; retrying"),
    );
  // Only one process can open the embedded store, so at start every claim in it is a dead process's.
  void sweep(store.kind === "pglite" ? 0 : undefined);
  setInterval(() => void sweep(), SWEEP_INTERVAL_MS).unref();
}

/** Tells this server's runner that a job is ready (created or resumed), so it starts without waiting for a poll. */
export function wakeJobRunner(): void {
  holder.__redriveJobRunner?.wake();
}
