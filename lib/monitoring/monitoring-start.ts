// Starts the periodic monitoring work inside the server — lag sampling and alert evaluation, each switchable per
// instance — kept on globalThis so a dev hot reload does not start a second set of timers.
import "server-only";
import { listClusters } from "@/lib/config/clusters";
import { serverEnv } from "@/lib/env";
import { log } from "@/lib/log";
import type { Store } from "@/lib/store/open-store";
import { evaluateAlerts } from "./alert-evaluator";
import { pruneLagSamples, sampleGroupLag } from "./lag-sampler";
import { claimSlot, pruneSlots, slotStart } from "./slots";

const holder = globalThis as { __redriveMonitoring?: NodeJS.Timeout[] };
const monitorLog = log.child({ component: "monitoring" });
const DAY_MS = 86_400_000;

/** Runs `task` every `intervalMs`, never two at once (a slow round skips the ticks it overlaps). */
function every(intervalMs: number, what: string, task: () => Promise<void>): NodeJS.Timeout {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    task()
      .catch((error: unknown) => monitorLog.warn({ err: error instanceof Error ? error.message : String(error) }, `${what} failed; trying again next round`))
      .finally(() => (running = false));
  }, intervalMs);
  timer.unref();
  return timer;
}

export function startMonitoring(store: Store): void {
  if (holder.__redriveMonitoring) return;
  const env = serverEnv();
  const timers: NodeJS.Timeout[] = [];
  if (env.REDRIVE_LAG_SAMPLER) {
    const options = { intervalMs: env.REDRIVE_LAG_SAMPLE_SECONDS * 1000, retentionMs: env.REDRIVE_LAG_RETENTION_DAYS * DAY_MS };
    timers.push(
      every(options.intervalMs, "lag sampling", async () => {
        for (const cluster of listClusters()) {
          await sampleGroupLag(store, cluster, options);
          await pruneLagSamples(store, cluster, options.retentionMs);
        }
      }),
    );
  }
  if (env.REDRIVE_ALERTS) {
    const intervalMs = env.REDRIVE_ALERTS_EVALUATE_SECONDS * 1000;
    timers.push(
      every(intervalMs, "alert evaluation", async () => {
        const now = new Date();
        // Instances on one store take turns per slot; the rule updates are guarded as well, this saves the reads.
        if (!(await claimSlot(store, "alerts", slotStart(now, intervalMs)))) return;
        await evaluateAlerts(store, { now, publicUrl: env.REDRIVE_PUBLIC_URL });
        await pruneSlots(store, "alerts", new Date(now.getTime() - DAY_MS));
      }),
    );
  }
  holder.__redriveMonitoring = timers;
  monitorLog.info({ lagSampler: env.REDRIVE_LAG_SAMPLER, alerts: env.REDRIVE_ALERTS }, "monitoring started");
}
