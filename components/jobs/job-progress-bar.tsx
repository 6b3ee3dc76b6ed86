// How far a job is: one bar, segmented in the status colours of what happened to each record — green redelivered
// (grey discarded), red failed, a lighter grey for records someone else resolved first (skipped).
import clsx from "clsx";
import type { Job } from "@/lib/contract/job-schemas";
import { formatCount } from "@/components/format/int64";
import { jobProgress } from "./job-format";

export function JobProgressBar({ job, className }: { job: Job; className?: string }) {
  const { processed, percent } = jobProgress(job);
  const share = (n: number) => `${job.total > 0 ? (n / job.total) * 100 : 0}%`;
  return (
    <div
      role="progressbar"
      aria-label="Progress"
      aria-valuemin={0}
      aria-valuemax={job.total}
      aria-valuenow={processed}
      aria-valuetext={`${formatCount(processed)} of ${formatCount(job.total)} processed (${percent}%)`}
      className={clsx("flex h-2 w-full overflow-hidden rounded-full bg-border", className)}
    >
      <div
        className={clsx("h-full transition-[width]", job.action === "redeliver" ? "bg-ok" : "bg-neutral")}
        style={{ width: share(job.done) }}
      />
      <div className="h-full bg-danger transition-[width]" style={{ width: share(job.failed) }} />
      <div className="h-full bg-border-strong transition-[width]" style={{ width: share(job.skipped) }} />
    </div>
  );
}
