"use client";
// The jobs page (every role reads it): bulk jobs newest first, filtered by state, cluster and DLQ (kept in the URL, so
// the DLQ page can link to its own jobs), polled while any of them moves.
import { useCallback } from "react";
import type { JobListFilter } from "@/lib/contract/job-schemas";
import { JOB_STATES } from "@/lib/contract/job-states";
import { useJobs } from "@/lib/query/jobs";
import { RequestError } from "@/lib/query/request-error";
import { ClusterFilterField } from "@/components/console/cluster-filter-field";
import { PageHeader } from "@/components/console/page-header";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorAlert } from "@/components/ui/error-alert";
import { FilterChip } from "@/components/ui/filter-chip";
import { LoadingTable } from "@/components/ui/loading-table";
import { SelectField } from "@/components/ui/select-field";
import { useUrlQueryState } from "@/components/ui/use-url-query-state";
import { JOB_STATE_LABELS } from "./job-state-badge";
import { JOB_COLUMNS, JobsTable } from "./jobs-table";

const readFilter = (params: URLSearchParams): JobListFilter => ({
  state: JOB_STATES.find((state) => state === params.get("state")),
  cluster: params.get("cluster") || undefined,
  topic: params.get("topic") || undefined,
});
const writeFilter = (filter: JobListFilter) =>
  new URLSearchParams(Object.entries(filter).filter((e): e is [string, string] => Boolean(e[1])));

const STATE_OPTIONS = [{ value: "", label: "Any state" }, ...JOB_STATES.map((state) => ({ value: state, label: JOB_STATE_LABELS[state] }))];

export function JobsView() {
  const [filter, setFilter] = useUrlQueryState(readFilter, writeFilter);
  const change = useCallback((patch: Partial<JobListFilter>) => setFilter({ ...filter, ...patch }), [filter, setFilter]);
  const list = useJobs(filter);
  const jobs = list.data?.pages.flatMap((page) => page.jobs) ?? [];
  const filtered = Boolean(filter.state || filter.topic || filter.cluster);

  return (
    <>
      <PageHeader title="Jobs" />
      <p className="max-w-3xl text-muted">
        Bulk redeliveries and discards run on the server: they carry on when you close the page, survive a restart, and act only on records
        that are still pending when they reach them.
      </p>
      <div className="flex flex-wrap items-end gap-3">
        <SelectField
          label="State"
          className="w-48"
          value={filter.state ?? ""}
          onChange={(event) => change({ state: JOB_STATES.find((state) => state === event.target.value) })}
          options={STATE_OPTIONS}
        />
        <ClusterFilterField className="w-56" value={filter.cluster} onChange={(cluster) => change({ cluster })} />
        {filter.topic ? (
          <FilterChip label="DLQ" onRemove={() => change({ topic: undefined })}>
            {filter.topic}
          </FilterChip>
        ) : null}
      </div>
      {list.error ? (
        <ErrorAlert>
          Could not read the jobs: {list.error instanceof RequestError ? list.error.message : "the server did not answer"}
        </ErrorAlert>
      ) : null}
      {list.data ? (
        jobs.length > 0 ? (
          <>
            <JobsTable jobs={jobs} />
            {list.hasNextPage ? (
              <Button className="self-start" onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage}>
                {list.isFetchingNextPage ? "Loading…" : "Load older jobs"}
              </Button>
            ) : (
              <p className="text-xs text-muted">
                {jobs.length === 1 ? "The only" : `All ${jobs.length.toLocaleString("en")}`} {filtered ? "matching " : ""}
                {jobs.length === 1 ? "job" : "jobs"} shown.
              </p>
            )}
          </>
        ) : (
          <div className="rounded-lg border border-border bg-surface">
            {filtered ? (
              <EmptyState title="No jobs match">Choose another state or cluster, or remove the DLQ filter.</EmptyState>
            ) : (
              <EmptyState title="No jobs yet">
                Operators start one from a DLQ page: on a failure group, on everything matching the filters, or on rows picked in the
                message table.
              </EmptyState>
            )}
          </div>
        )
      ) : list.error ? null : (
        <LoadingTable label="Jobs" columns={JOB_COLUMNS.map((label) => ({ label }))} />
      )}
    </>
  );
}
