// A job's state in the console's status colours. Amber, as for a pending message, while the job still has pending
// records to act on (running, waiting for Kafka, paused); green once it completed; grey once cancelled (stopped for
// good, like a discard: nothing more happens, nothing is lost). Failures are counted in red beside it, not here.
import type { JobStateName } from "@/lib/contract/job-schemas";
import { Badge, type BadgeTone } from "@/components/ui/badge";

const TONES: Record<JobStateName, BadgeTone> = { running: "warn", waiting: "warn", paused: "warn", cancelled: "neutral", completed: "ok" };

export const JOB_STATE_LABELS: Record<JobStateName, string> = {
  running: "Running",
  waiting: "Waiting for Kafka",
  paused: "Paused",
  cancelled: "Cancelled",
  completed: "Completed",
};

export function JobStateBadge({ state }: { state: JobStateName }) {
  return <Badge tone={TONES[state]}>{JOB_STATE_LABELS[state]}</Badge>;
}
