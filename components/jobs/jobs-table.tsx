"use client";
// Bulk jobs as a table: the job (its action, linking to its page), state, cluster, DLQ, what it selected, how far it is and
// who started it when.
import clsx from "clsx";
import Link from "next/link";
import { hrefs } from "@/lib/contract/hrefs";
import type { Job } from "@/lib/contract/job-schemas";
import { ClusterName } from "@/components/console/cluster-name";
import { formatCount } from "@/components/format/int64";
import { RelativeTime } from "@/components/ui/relative-time";
import { TableContainer } from "@/components/ui/table-container";
import { TruncatedText } from "@/components/ui/truncated-text";
import { linkClass, numericClass, rowClass, tableClass, tdClass, thClass } from "@/components/ui/table-styles";
import { describeSelector } from "./describe-selection";
import { actionLabel } from "./job-format";
import { JobProgressBar } from "./job-progress-bar";
import { JobStateBadge } from "./job-state-badge";

export const JOB_COLUMNS = ["Job", "State", "Cluster", "DLQ", "Selection", "Progress", "Created"] as const;
/** On a phone the job, its state and its progress fit; the job page has the rest. */
const HIDDEN_WHEN_NARROW: Record<(typeof JOB_COLUMNS)[number], string | undefined> = {
  Job: undefined,
  State: undefined,
  Cluster: "max-md:hidden",
  DLQ: "max-sm:hidden",
  Selection: "max-lg:hidden",
  Progress: undefined,
  Created: "max-md:hidden",
};

export function JobsTable({ jobs }: { jobs: readonly Job[] }) {
  return (
    <TableContainer>
      <table aria-label="Jobs" className={tableClass}>
        <thead>
          <tr>
            {JOB_COLUMNS.map((label) => (
              <th key={label} scope="col" className={clsx(thClass, HIDDEN_WHEN_NARROW[label])}>
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {jobs.map((job) => (
            <tr key={job.id} className={rowClass}>
              <td className={clsx(tdClass, "whitespace-nowrap")}>
                <Link href={hrefs.job(job.id)} className={linkClass}>
                  {actionLabel(job.action)} <span className="font-mono text-xs max-sm:block">{job.id.slice(0, 8)}</span>
                </Link>
              </td>
              <td className={tdClass}>
                <JobStateBadge state={job.state} />
              </td>
              <td className={clsx(tdClass, "max-w-40", HIDDEN_WHEN_NARROW.Cluster)}>
                <ClusterName id={job.cluster} />
              </td>
              <td className={clsx(tdClass, "max-w-64", HIDDEN_WHEN_NARROW.DLQ)}>
                <Link
                  href={hrefs.dlq(job.cluster, job.topic)}
                  className={clsx(linkClass, "block truncate font-mono text-xs")}
                  title={job.topic}
                >
                  {job.topic}
                </Link>
              </td>
              <td className={clsx(tdClass, "max-w-72", HIDDEN_WHEN_NARROW.Selection)}>
                <TruncatedText text={describeSelector(job.selector)} />
              </td>
              <td className={clsx(tdClass, "w-44 max-sm:w-auto max-sm:min-w-24")}>
                <JobProgressBar job={job} />
                <span className={clsx(numericClass, "mt-1 block text-xs")}>
                  {formatCount(job.done)} / {formatCount(job.total)}
                  {job.failed > 0 ? <span className="text-danger max-sm:block"> · {formatCount(job.failed)} failed</span> : null}
                </span>
              </td>
              <td className={clsx(tdClass, "max-w-48", HIDDEN_WHEN_NARROW.Created)}>
                <TruncatedText text={job.createdBy} />
                <span className="block text-xs text-muted">
                  <RelativeTime iso={job.createdAt} />
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableContainer>
  );
}
