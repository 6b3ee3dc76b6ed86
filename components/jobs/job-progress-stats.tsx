"use client";
// A job's live progress: the bar, and done, failed, skipped, remaining, rate and time to go.
import type { Job } from "@/lib/contract/job-schemas";
import { formatCount } from "@/components/format/int64";
import { Stat } from "@/components/ui/stat";
import { StatGrid } from "@/components/ui/stat-grid";
import { formatEta, formatRate, jobProgress, resultStatus } from "./job-format";
import { JobProgressBar } from "./job-progress-bar";

export function JobProgressStats({ job }: { job: Job }) {
  const { processed, percent } = jobProgress(job);
  const moving = job.state === "running" || job.state === "waiting";
  return (
    <section aria-label="Progress" className="flex flex-col gap-2">
      <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
        <span>
          <span className="font-mono font-semibold tabular-nums">{formatCount(processed)}</span> of{" "}
          <span className="font-mono tabular-nums">{formatCount(job.total)}</span> processed
        </span>
        <span className="font-mono text-muted tabular-nums">{percent}%</span>
      </div>
      <JobProgressBar job={job} className="h-2.5" />
      <StatGrid label="Job progress">
        <Stat label="Done" numeric title={`Records ${resultStatus(job.action)}`}>
          <span className={job.done > 0 && job.action === "redeliver" ? "text-ok" : undefined}>{formatCount(job.done)}</span>
        </Stat>
        <Stat label="Failed" numeric title="Records Kafka refused; they stay pending">
          <span className={job.failed > 0 ? "text-danger" : undefined}>{formatCount(job.failed)}</span>
        </Stat>
        <Stat label="Skipped" numeric title="Records already resolved when the job reached them">
          {formatCount(job.skipped)}
        </Stat>
        <Stat label="Remaining" numeric>
          <span className={job.remaining > 0 ? "text-warn" : undefined}>{formatCount(job.remaining)}</span>
        </Stat>
        <Stat label="Rate" numeric>
          {moving ? formatRate(job.rate) : "—"}
        </Stat>
        <Stat label="ETA" numeric title="At the current rate">
          {moving ? formatEta(job.etaSeconds) : "—"}
        </Stat>
      </StatGrid>
    </section>
  );
}
