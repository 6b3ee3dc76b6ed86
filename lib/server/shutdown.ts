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
import { runShutdownSteps, type ShutdownStep } from "./shutdown-steps";

/** How long a shutdown may take before it gives up and exits 1 (Kubernetes' default grace period is 30 s). */
export const SHUTDOWN_DEADLINE_MS = 25_000;
/** How long the HTTP listener gets to close (requests in flight finishing) before the rest stops regardless. */
const LISTENER_CLOSE_MS = 15_000;

const signals = ["SIGTERM", "SIGINT"] as const;
type Signal = (typeof signals)[number];
type Listener = (signal: Signal) => void;

const shutdownLog = log.child({ component: "shutdown" });
const holder = globalThis as { __redriveShutdown?: { started: boolean } };

/** Takes over SIGTERM and SIGINT from Next (once per process): a signal then runs shutdown(). */
export function installShutdown(): void {
  if (holder.__redriveShutdown) return;
  const progress = (holder.__redriveShutdown = { started: false as boolean });
  for (const signal of signals) {
    const nextListeners = process.listeners(signal) as Listener[];
    process.removeAllListeners(signal);
    process.on(signal, () => {
      // A second signal (a shell's Ctrl-C reaches the whole group) changes nothing: the deadline still holds.
      if (progress.started) return;
      progress.started = true;
      void shutdown(signal, nextListeners);
    });
  }
}

async function shutdown(signal: Signal, nextListeners: Listener[]): Promise<void> {
  // The real exit, taken before closeListener stands in for it while Next's handler runs.
  const exit = process.exit.bind(process);
  shutdownLog.info({ signal, requestsInFlight: requestsInFlight() }, "shutting down: finishing requests in flight");
  const steps: ShutdownStep[] = [
    { name: "requests in flight", run: () => closeListener(signal, nextListeners) },
    {
      name: "cluster pieces",
      run: async () => {
        unwatchClusterConfig();
        stopAlerts();
        await stopClusters(await serverContext());
      },
    },
    { name: "metrics listener", run: stopMetricsServing },
    { name: "store", run: closeStore },
  ];
  await runShutdownSteps(signal, steps, { deadlineMs: SHUTDOWN_DEADLINE_MS, exit });
}

/**
 * Lets Next close its listener (which waits for the requests on it), and waits for the API requests in flight. Next's
 * handler ends in process.exit(143): that call only tells us its part is done.
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
