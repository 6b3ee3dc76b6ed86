"use client";
// One job's page: its state, live progress (polled every second while it moves), the controls for operators, what
// it does, and the records it failed on.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { hrefs } from "@/lib/contract/hrefs";
import { isFinalJobState } from "@/lib/contract/job-states";
import { failureGroupQuery } from "@/lib/query/dlqs";
import { useJob } from "@/lib/query/jobs";
import { useMe } from "@/lib/query/me";
import { RequestError } from "@/lib/query/request-error";
import { Breadcrumb } from "@/components/console/breadcrumb";
import { PageHeader } from "@/components/console/page-header";
import { failureGroupLabel } from "@/components/dlq/failure-group-label";
import { ErrorAlert } from "@/components/ui/error-alert";
import { NotFoundState } from "@/components/ui/not-found-state";
import { RelativeTime } from "@/components/ui/relative-time";
import { Skeleton } from "@/components/ui/skeleton";
import { UpdatedAgo } from "@/components/ui/updated-ago";
import { warnNoticeClass } from "@/components/ui/notice-styles";
import { BulkJobDialog } from "./bulk-job-dialog";
import { actionLabel } from "./job-format";
import { JobControls } from "./job-controls";
import { JobDefinition } from "./job-definition";
import { JobFailuresTable } from "./job-failures-table";
import { JobProgressStats } from "./job-progress-stats";
import { JobStateBadge } from "./job-state-badge";

export function JobView({ id }: { id: string }) {
  const { data: me } = useMe();
  const query = useJob(id);
  const job = query.data;
  const [retrying, setRetrying] = useState(false);
  const fingerprint = job?.selector.kind === "filter" ? job.selector.filter.fingerprint : undefined;
  // Read once, only to name the job's failure group: the page works without it.
  const groupQuery = useQuery({
    ...failureGroupQuery(job?.cluster ?? "", job?.topic ?? "", fingerprint ?? ""),
    enabled: fingerprint !== undefined,
    refetchInterval: false,
  });
  const failure = query.error ?? query.failureReason;

  if (failure instanceof RequestError && failure.isNotFound) {
    return (
      <NotFoundState
        title={
          <>
            No job <span className="font-mono">{id}</span>
          </>
        }
        backHref={hrefs.jobs()}
        backLabel="Back to the jobs"
      />
    );
  }
  if (!job) {
    return (
      <>
        <Skeleton className="h-7 w-64" />
        {failure ? <ErrorAlert>Could not read the job: {failure.message}</ErrorAlert> : <Skeleton className="h-24 w-full" />}
      </>
    );
  }
  const group = fingerprint ? (groupQuery.data ?? undefined) : undefined;
  const canAct = me !== undefined && me.user.role !== "viewer";

  return (
    <>
      <PageHeader
        title={`${actionLabel(job.action)} job`}
        eyebrow={<Breadcrumb href={hrefs.jobs()} label="Jobs" />}
        badges={
          <>
            {/* A live region: the state changes while the page is open (paused elsewhere, completed). */}
            <span role="status" aria-label="Job state" className="inline-flex">
              <JobStateBadge state={job.state} />
            </span>
            <span className="font-mono text-xs text-muted">{job.id}</span>
          </>
        }
        aside={
          <>
            {/* Only while it can still change: a finished job's figures are final, not stale. */}
            {isFinalJobState(job.state) ? null : (
              <UpdatedAgo updatedAt={query.dataUpdatedAt} fetching={query.isFetching} stale={Boolean(failure)} />
            )}
            {canAct ? <JobControls job={job} /> : null}
          </>
        }
      />
      {failure ? <ErrorAlert>Could not refresh the job: {failure.message}. Showing what the server said last.</ErrorAlert> : null}
      {job.state === "waiting" ? (
        <p role="status" className={warnNoticeClass}>
          <strong>Waiting for Kafka</strong>: {job.lastError ?? "the brokers do not answer"}. The job carries on by itself when Kafka
          answers again.
        </p>
      ) : null}
      {job.state === "running" && job.lastError ? (
        <p role="status" className={warnNoticeClass}>
          <strong>Retrying</strong>: the last step failed
          {job.lastErrorAt ? (
            <>
              {" "}
              <RelativeTime iso={job.lastErrorAt} />
            </>
          ) : null}
          : {job.lastError}. The job tries again by itself; this notice goes once a step gets through.
        </p>
      ) : null}
      <JobProgressStats job={job} />
      <div className="grid items-start gap-5 xl:grid-cols-[minmax(0,28rem)_minmax(0,1fr)]">
        <JobDefinition job={job} groupLabel={group ? failureGroupLabel(group) : undefined} />
        <JobFailuresTable job={job} onActOnFailed={canAct ? () => setRetrying(true) : undefined} />
      </div>
      {retrying ? (
        <BulkJobDialog
          cluster={job.cluster}
          topic={job.topic}
          selection={{ kind: "failed", jobId: job.id }}
          initialAction="redeliver"
          onCancel={() => setRetrying(false)}
        />
      ) : null}
    </>
  );
}
