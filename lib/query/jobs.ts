// Bulk jobs: the job list and one job (polled while they move), and the calls that count, start and steer them.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type Query } from "@tanstack/react-query";
import { useEffect } from "react";
import {
  jobCreatedSchema,
  jobDetailsSchema,
  jobDryRunSchema,
  jobListSchema,
  type Job,
  type JobCreated,
  type JobDetails,
  type JobDryRun,
  type JobRequest,
  type JobCommand,
  type JobListFilter,
} from "@/lib/contract/job-schemas";
import { apiGet, apiSend, encodePathSegment } from "./api-client";
import { dlqKeys, dlqPath } from "./dlqs";
import { shouldRetryLiveQuery } from "./live-query";

/** What a job does; `dryRun` is set by the call (a dry run or a real start), not by callers. */
export type JobRequestBody = Omit<JobRequest, "dryRun">;

export const jobKeys = {
  all: () => ["jobs"] as const,
  lists: () => [...jobKeys.all(), "list"] as const,
  list: (filter: JobListFilter) => [...jobKeys.lists(), filter] as const,
  detail: (id: string) => [...jobKeys.all(), "detail", id] as const,
};

const JOB_PAGE_SIZE = 50;
export const jobPath = (id: string) => `/api/jobs/${encodePathSegment(id)}`;
const dlqJobsPath = (cluster: string, topic: string) => `${dlqPath(cluster, topic)}/jobs`;

/** A batch already on its way when a job was paused or cancelled still lands (and is counted) within this long. */
const TRAILING_BATCH_MS = 15_000;

/**
 * How often to read a job again: every second while it moves; every 2 s while paused (its last batch may still land,
 * and another operator may resume it); a cancelled job until its last batch has surely landed; a completed one never.
 */
export function jobRefetchInterval(job: Pick<Job, "state" | "finishedAt"> | undefined, now = Date.now()): number | false {
  if (job?.state === "running" || job?.state === "waiting") return 1_000;
  if (job?.state === "paused") return 2_000;
  if (job?.state === "cancelled" && job.finishedAt && now - Date.parse(job.finishedAt) < TRAILING_BATCH_MS) return 2_000;
  return false;
}

const isMoving = (job: Job) => job.state === "running" || job.state === "waiting";

export function fetchJobs(filter: JobListFilter, cursor: string | null, signal?: AbortSignal) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries({ ...filter, limit: String(JOB_PAGE_SIZE), cursor: cursor ?? undefined }))
    if (value) params.set(name, value);
  return apiGet(`/api/jobs?${params.toString()}`, jobListSchema, { signal });
}

export function fetchJob(id: string, signal?: AbortSignal): Promise<JobDetails> {
  return apiGet(jobPath(id), jobDetailsSchema, { signal });
}

export function dryRunJob(cluster: string, topic: string, body: JobRequestBody): Promise<JobDryRun> {
  return apiSend("POST", dlqJobsPath(cluster, topic), { ...body, dryRun: true }, jobDryRunSchema);
}

export function createJob(cluster: string, topic: string, body: JobRequestBody): Promise<JobCreated> {
  return apiSend("POST", dlqJobsPath(cluster, topic), body, jobCreatedSchema);
}

export function controlJob(id: string, command: JobCommand): Promise<JobDetails> {
  return apiSend("POST", `${jobPath(id)}/${command}`, {}, jobDetailsSchema);
}

/** Jobs newest first, a page at a time; polled quickly while any loaded job is moving. */
export function useJobs(filter: JobListFilter) {
  return useInfiniteQuery({
    queryKey: jobKeys.list(filter),
    queryFn: ({ pageParam, signal }) => fetchJobs(filter, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    refetchInterval: (query) => (query.state.data?.pages.some((page) => page.jobs.some(isMoving)) ? 2_000 : 10_000),
    retry: shouldRetryLiveQuery,
  });
}

/**
 * One job with its failures, polled as jobRefetchInterval says. As the job acts on records it changes its DLQ's
 * counts, groups and rows, so each step of progress marks those queries stale too (the DLQ page refetches them
 * when it is next shown, instead of showing the statuses from before the job).
 */
export function useJob(id: string) {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: jobKeys.detail(id),
    queryFn: ({ signal }) => fetchJob(id, signal),
    refetchInterval: (q: Query<JobDetails>) => jobRefetchInterval(q.state.data),
    retry: shouldRetryLiveQuery,
  });
  const job = query.data;
  const cluster = job?.cluster;
  const topic = job?.topic;
  const progress = job ? `${job.done}/${job.failed}/${job.skipped}/${job.state}` : undefined;
  useEffect(() => {
    if (cluster === undefined || topic === undefined || progress === undefined) return;
    void queryClient.invalidateQueries({ queryKey: dlqKeys.topic(cluster, topic) });
    void queryClient.invalidateQueries({ queryKey: dlqKeys.list(cluster) });
  }, [queryClient, cluster, topic, progress]);
  return query;
}

/**
 * A dry run changes nothing, but it is a POST, so it is a mutation the dialog calls whenever what it would count
 * changes; `variables` says which request the answer belongs to.
 */
export function useDryRunJob(cluster: string, topic: string) {
  return useMutation({ mutationFn: (body: JobRequestBody) => dryRunJob(cluster, topic, body) });
}

/** Starting a job adds one to the lists; its records change as it runs, which useJob follows. */
export function useCreateJob(cluster: string, topic: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: JobRequestBody) => createJob(cluster, topic, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: jobKeys.lists() }),
  });
}

export function useJobControl(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (command: JobCommand) => controlJob(id, command),
    onSuccess: (job) => {
      queryClient.setQueryData(jobKeys.detail(id), job);
      return queryClient.invalidateQueries({ queryKey: jobKeys.lists() });
    },
  });
}
