// Starts the periodic monitoring work inside the server: lag sampling, one timer per cluster so a cluster whose
// brokers do not answer delays no other's samples, and alert evaluation (REDRIVE_ALERTS). Kept on globalThis so a dev
// hot reload does not start a second set of timers.
import "server-only";
import type { ClusterConfig } from "@/lib/config/clusters";
import { serverEnv } from "@/lib/env";
import { log } from "@/lib/log";
import type { Store } from "@/lib/store/open-store";
import { evaluateAlerts } from "./alert-evaluator";
import { pruneLagSamples, sampleGroupLag } from "./lag-sampler";
import { claimSlot, pruneSlots, slotStart } from "./slots";

const holder = globalThis as { __redriveLagSamplers?: Map<string, NodeJS.Timeout>; __redriveAlerts?: NodeJS.Timeout };
const samplers = (holder.__redriveLagSamplers ??= new Map());
const monitorLog = log.child({ component: "monitoring" });
const DAY_MS = 86_400_000;

/** Runs `task` every `intervalMs`, never two at once (a slow round skips the ticks it overlaps). */
function every(intervalMs: number, what: string, task: () => Promise<void>): NodeJS.Timeout {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    task()
      .catch((error: unknown) =>
        monitorLog.warn({ err: error instanceof Error ? error.message : String(error) }, `${what} failed; trying again next round`),
      )
      .finally(() => (running = false));
  }, intervalMs);
  timer.unref();
  return timer;
}

/** Samples one cluster's group lag every REDRIVE_LAG_SAMPLE_SECONDS into `store`. */
export function startLagSampling(cluster: ClusterConfig, store: Store): void {
  if (samplers.has(cluster.id)) return;
  const env = serverEnv();
  const options = { intervalMs: env.REDRIVE_LAG_SAMPLE_SECONDS * 1000, retentionMs: env.REDRIVE_LAG_RETENTION_DAYS * DAY_MS };
  const timer = every(options.intervalMs, `lag sampling of cluster ${cluster.id}`, async () => {
    await sampleGroupLag(store, cluster, options);
    await pruneLagSamples(store, cluster, options.retentionMs);
  });
  samplers.set(cluster.id, timer);
}

/** Stops a cluster's lag sampling; its samples stay until the retention prunes them. */
export function stopLagSampling(clusterId: string): void {
  clearInterval(samplers.get(clusterId));
  samplers.delete(clusterId);
}

/** The clusters whose lag this instance samples now. */
export function lagSamplingClusters(): string[] {
  return [...samplers.keys()];
}

/** Evaluates the alert rules every REDRIVE_ALERTS_EVALUATE_SECONDS, when REDRIVE_ALERTS is on. */
export function startAlerts(store: Store): void {
  const env = serverEnv();
  if (holder.__redriveAlerts || !env.REDRIVE_ALERTS) return;
  const intervalMs = env.REDRIVE_ALERTS_EVALUATE_SECONDS * 1000;
  holder.__redriveAlerts = every(intervalMs, "alert evaluation", async () => {
    const now = new Date();
    // Instances on one store take turns per slot; the rule updates are guarded as well, this saves the reads.
    if (!(await claimSlot(store, "alerts", slotStart(now, intervalMs)))) return;
    await evaluateAlerts(store, { now, publicUrl: env.REDRIVE_PUBLIC_URL });
    await pruneSlots(store, "alerts", new Date(now.getTime() - DAY_MS));
  });
  monitorLog.info({ alerts: true }, "alert evaluation started");
}

/** Stops evaluating alerts (a server shutting down); a round under way finishes on its own. */
export function stopAlerts(): void {
  clearInterval(holder.__redriveAlerts);
  holder.__redriveAlerts = undefined;
}
