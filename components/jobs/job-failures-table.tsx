"use client";
// The records a job could not act on (Kafka refused them, or their topic is missing): each links to its message page,
// where it is still pending; the error is the broker's or the server's text, shown as text. Operators can act on all
// of them at once (`onActOnFailed`: a new job on the ones still pending), once the cause is fixed.
import clsx from "clsx";
import Link from "next/link";
import { hrefs } from "@/lib/contract/hrefs";
import type { JobDetails } from "@/lib/contract/job-schemas";
import { formatCount, formatInt64 } from "@/components/format/int64";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Panel } from "@/components/ui/panel";
import { RelativeTime } from "@/components/ui/relative-time";
import { TableContainer } from "@/components/ui/table-container";
import { linkClass, numericClass, rowClass, tableClass, tdClass, thClass } from "@/components/ui/table-styles";

/** Why the job failed, counted: one line per distinct error, most frequent first. */
function FailureReasons({ job }: { job: JobDetails }) {
  const counted = job.failureReasons.reduce((sum, r) => sum + r.count, 0);
  return (
    <ul aria-label="Failures by reason" className="flex flex-col gap-1 rounded-lg border border-border bg-surface px-3 py-2 text-sm">
      {job.failureReasons.map((reason) => (
        <li key={reason.error} className="flex items-baseline gap-2">
          <span className={clsx(numericClass, "w-16 shrink-0 font-medium")}>{formatCount(reason.count)} ×</span>
          <span className="min-w-0 font-mono text-xs break-words text-danger">{reason.error}</span>
        </li>
      ))}
      {job.failed > counted ? (
        <li className="text-xs text-muted">and {formatCount(job.failed - counted)} more with other reasons</li>
      ) : null}
    </ul>
  );
}

export function JobFailuresTable({ job, onActOnFailed }: { job: JobDetails; onActOnFailed?: () => void }) {
  const shown = job.failures.length;
  return (
    <Panel
      title="Failures"
      actions={
        <div className="flex items-center gap-3">
          {job.failed > shown ? (
            <span className="text-xs text-muted">
              first {formatCount(shown)} of {formatCount(job.failed)}
            </span>
          ) : null}
          {onActOnFailed && job.failed > 0 ? (
            <Button size="sm" onClick={onActOnFailed}>
              Retry failed…
            </Button>
          ) : null}
        </div>
      }
    >
      {job.failureReasons.length > 0 ? <FailureReasons job={job} /> : null}
      {shown === 0 ? (
        <div className="rounded-lg border border-border bg-surface">
          <EmptyState title="No failures">Records Kafka refuses show here with the reason; they stay pending in the DLQ.</EmptyState>
        </div>
      ) : (
        <TableContainer className="max-h-[60dvh]">
          <table aria-label="Failures" className={tableClass}>
            <thead>
              <tr>
                <th scope="col" className={clsx(thClass, "text-right")} title="Partition/offset">
                  Record
                </th>
                <th scope="col" className={thClass}>
                  Error
                </th>
                <th scope="col" className={clsx(thClass, "max-sm:hidden")}>
                  When
                </th>
              </tr>
            </thead>
            <tbody>
              {job.failures.map((failure) => (
                <tr key={`${failure.partition}:${failure.offset}`} className={rowClass}>
                  <td className={clsx(tdClass, numericClass, "w-24")}>
                    <Link
                      href={hrefs.dlqMessage(job.cluster, job.topic, failure.partition, failure.offset)}
                      title={`Partition ${failure.partition}, offset ${failure.offset}`}
                      className={linkClass}
                    >
                      {failure.partition}/{formatInt64(failure.offset)}
                    </Link>
                  </td>
                  {/* break-word, not anywhere: a cell that may break anywhere shrinks to one character on a phone. */}
                  <td className={clsx(tdClass, "min-w-48 font-mono text-xs break-words text-danger")}>{failure.error}</td>
                  <td className={clsx(tdClass, "w-28 text-muted max-sm:hidden")}>
                    <RelativeTime iso={failure.at} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableContainer>
      )}
    </Panel>
  );
}
