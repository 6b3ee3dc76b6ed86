// A graceful stop on SIGTERM (Kubernetes, Docker, systemd) or SIGINT: stop taking requests, finish those in flight,
// stop each cluster's pieces at a safe point (the job runner gives its job back at a batch boundary, the indexer commits
// what it stored and leaves its group, lag sampling and alerts stop), close the store, and exit 0. Something that hangs
// meets a hard deadline that exits 1 with a log line saying what was still running.
//
// `next start` handles these signals itself: it closes its HTTP listener, waits for the requests on it, closes the
// Next server and exits 143 (130 on SIGINT), without anything of ours stopping. Its listener is not handed to
// instrumentation, so its handler stays the one that closes it: ours calls it and defers its exit until our pieces
// have stopped. With NEXT_MANUAL_SIG_HANDLE set Next installs nothing; the listener then stays open until exit, and
// the route wrapper's 503 shutting_down is what turns requests away.
import "server-only";
import { log } from "@/lib/log";
import { stopMetricsServing } from "@/lib/metrics/metrics-serving";
import { stopAlerts } from "@/lib/monitoring/monitoring-start";
import { closeStore } from "@/lib/store/store";
import { stopClusters } from "./cluster-lifecycle";
import { unwatchClusterConfig } from "./config-watch";
import { serverContext } from "./context";
import { requestsInFlight, startDraining } from "./draining";

/** How long a shutdown may take before it gives up and exits 1 (Kubernetes' default grace period is 30 s). */
export const SHUTDOWN_DEADLINE_MS = 25_000;
/** How long the HTTP listener gets to close (requests in flight finishing) before the rest stops regardless. */
const LISTENER_CLOSE_MS = 15_000;

const signals = ["SIGTERM", "SIGINT"] as const;
type Signal = (typeof signals)[number];
type Listener = (signal: Signal) => void;

const shutdownLog = log.child({ component: "shutdown" });
const holder = globalThis as { __redriveShutdown?: { step: string; started: boolean } };

/** Takes over SIGTERM and SIGINT from Next (once per process): a signal then runs shutdown(). */
export function installShutdown(): void {
  if (holder.__redriveShutdown) return;
  const progress = (holder.__redriveShutdown = { step: "not started", started: false as boolean });
  for (const signal of signals) {
    const nextListeners = process.listeners(signal) as Listener[];
    process.removeAllListeners(signal);
    process.on(signal, () => {
      // A second signal (a shell's Ctrl-C reaches the whole group) changes nothing: the deadline still holds.
      if (progress.started) return;
      progress.started = true;
      void shutdown(signal, nextListeners, progress);
    });
  }
}

async function shutdown(signal: Signal, nextListeners: Listener[], progress: { step: string }): Promise<void> {
  const exit = process.exit.bind(process);
  const startedAt = Date.now();
  const deadline = setTimeout(() => {
    shutdownLog.error({ signal, step: progress.step, afterMs: Date.now() - startedAt }, "shutdown did not finish in time; exiting");
    exit(1);
  }, SHUTDOWN_DEADLINE_MS);
  const step = async (name: string, work: () => Promise<unknown>) => {
    progress.step = name;
    await work().catch((error: unknown) =>
      shutdownLog.warn({ step: name, err: error instanceof Error ? error.message : String(error) }, "a shutdown step failed; going on"),
    );
  };
  shutdownLog.info({ signal, requestsInFlight: requestsInFlight() }, "shutting down: finishing requests in flight");
  await step("requests in flight", () => closeListener(signal, nextListeners));
  await step("cluster pieces", async () => {
    unwatchClusterConfig();
    stopAlerts();
    await stopClusters(await serverContext());
  });
  await step("metrics listener", stopMetricsServing);
  await step("store", closeStore);
  clearTimeout(deadline);
  shutdownLog.info({ signal, tookMs: Date.now() - startedAt }, "shut down cleanly");
  exit(0);
}

/**
 * Lets Next close its listener (which waits for the requests on it), and waits for the API requests in flight. Next's handler ends in process.exit(143): that call only tells us its part is done.
 */
async function closeListener(signal: Signal, nextListeners: Listener[]): Promise<void> {
  // Next's listener closing is what refuses new requests; without it, the route wrapper answers them 503.
  const drained = startDraining(nextListeners.length === 0);
  const exit = process.exit;
  const nextDone = new Promise<void>((resolve) => {
    if (nextListeners.length === 0) return resolve();
    process.exit = (() => resolve()) as typeof process.exit;
  });
  for (const listener of nextListeners) listener(signal);
  let timer: NodeJS.Timeout | undefined;
  const patience = new Promise<void>((resolve) => (timer = setTimeout(resolve, LISTENER_CLOSE_MS)));
  try {
    await Promise.race([Promise.all([nextDone, drained]), patience.then(() => shutdownLog.warn("requests still open; stopping anyway"))]);
  } finally {
    clearTimeout(timer);
    process.exit = exit;
  }
}
