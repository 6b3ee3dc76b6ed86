// Runs a shutdown's steps in order under one deadline: a step that fails is logged and the next one runs; a step that
// hangs meets the deadline, which logs the step it was in and exits 1, so an orchestrator sees a failed stop instead of
// a clean one.
import { log } from "@/lib/log";

export interface ShutdownStep {
  name: string;
  run(): Promise<unknown>;
}

const shutdownLog = log.child({ component: "shutdown" });

/** Runs `steps`, then exits 0; exits 1 if they have not finished within `deadlineMs`. */
export async function runShutdownSteps(
  signal: string,
  steps: readonly ShutdownStep[],
  options: { deadlineMs: number; exit: (code: number) => void },
): Promise<void> {
  const startedAt = Date.now();
  let current = "starting";
  let timedOut = false;
  const deadline = setTimeout(() => {
    timedOut = true;
    shutdownLog.error({ signal, step: current, afterMs: Date.now() - startedAt }, "shutdown did not finish in time; exiting");
    options.exit(1);
  }, options.deadlineMs);
  for (const step of steps) {
    current = step.name;
    await step
      .run()
      .catch((error: unknown) =>
        shutdownLog.warn(
          { step: step.name, err: error instanceof Error ? error.message : String(error) },
          "a shutdown step failed; going on",
        ),
      );
    if (timedOut) return;
  }
  clearTimeout(deadline);
  shutdownLog.info({ signal, tookMs: Date.now() - startedAt }, "shut down cleanly");
  options.exit(0);
}
