// DLQ browsing, read from the server's index (not Kafka): per-topic summaries, failure groups, message pages
// and one message in full.
import { infiniteQueryOptions, queryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import {
  dlqMessageDetailsSchema,
  dlqMessagePageSchema,
  dlqSummarySchema,
  failureGroupPageSchema,
  forgottenDlqSchema,
  type DlqMessageDetails,
  type DlqMessageFilter,
  type DlqMessagePage,
  type DlqSummary,
  type FailureGroup,
  type FailureGroupPage,
} from "@/lib/contract/schemas";
import { discardAnswerSchema, redeliverAnswerSchema, type RedeliverAnswer, type RedeliverRequestBody } from "@/lib/contract/triage-schemas";
import { apiGet, apiSend, encodePathSegment } from "./api-client";
import { liveQueryDefaults } from "./live-query";

export const dlqKeys = {
  all: (cluster: string) => ["clusters", cluster, "dlqs"] as const,
  list: (cluster: string) => [...dlqKeys.all(cluster), "list"] as const,
  topic: (cluster: string, topic: string) => [...dlqKeys.all(cluster), "topic", topic] as const,
  summary: (cluster: string, topic: string) => [...dlqKeys.topic(cluster, topic), "summary"] as const,
  groups: (cluster: string, topic: string) => [...dlqKeys.topic(cluster, topic), "groups"] as const,
  groupPages: (cluster: string, topic: string) => [...dlqKeys.groups(cluster, topic), "pages"] as const,
  group: (cluster: string, topic: string, fingerprint: string) => [...dlqKeys.groups(cluster, topic), "one", fingerprint] as const,
  messages: (cluster: string, topic: string, filter: DlqMessageFilter) => [...dlqKeys.topic(cluster, topic), "messages", filter] as const,
  message: (cluster: string, topic: string, partition: number, offset: string) =>
    [...dlqKeys.topic(cluster, topic), "message", partition, offset] as const,
};

export const dlqsPath = (cluster: string) => `/api/clusters/${encodePathSegment(cluster)}/dlqs`;
export const dlqPath = (cluster: string, topic: string) => `${dlqsPath(cluster)}/${encodePathSegment(topic)}`;
export const dlqMessagePath = (cluster: string, topic: string, partition: number, offset: string) =>
  `${dlqPath(cluster, topic)}/messages/${partition}/${encodePathSegment(offset)}`;
/** The raw value bytes as a download (application/octet-stream). */
export const dlqMessageValuePath = (cluster: string, topic: string, partition: number, offset: string) =>
  `${dlqMessagePath(cluster, topic, partition, offset)}/value`;

export function messageFilterParams(filter: DlqMessageFilter, extra: { limit?: number; cursor?: string | null } = {}): URLSearchParams {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries({ ...filter, limit: extra.limit?.toString(), cursor: extra.cursor ?? undefined })) {
    if (value) params.set(name, value);
  }
  return params;
}

export function fetchDlqs(cluster: string, signal?: AbortSignal): Promise<DlqSummary[]> {
  return apiGet(dlqsPath(cluster), z.array(dlqSummarySchema), { signal });
}

export function fetchDlqSummary(cluster: string, topic: string, signal?: AbortSignal): Promise<DlqSummary> {
  return apiGet(dlqPath(cluster, topic), dlqSummarySchema, { signal });
}

/** Failure groups per request: a DLQ may hold 100,000 of them, so the list loads pages as it is scrolled. */
export const GROUP_PAGE_SIZE = 100;

export function fetchFailureGroups(
  cluster: string,
  topic: string,
  page: { limit?: number; cursor?: string | null; fingerprint?: string } = {},
  signal?: AbortSignal,
): Promise<FailureGroupPage> {
  const params = new URLSearchParams();
  if (page.limit !== undefined) params.set("limit", String(page.limit));
  if (page.cursor) params.set("cursor", page.cursor);
  if (page.fingerprint) params.set("fingerprint", page.fingerprint);
  const search = params.toString();
  return apiGet(`${dlqPath(cluster, topic)}/groups${search ? `?${search}` : ""}`, failureGroupPageSchema, { signal });
}

export function fetchDlqMessages(
  cluster: string,
  topic: string,
  filter: DlqMessageFilter,
  page: { limit?: number; cursor?: string | null } = {},
  signal?: AbortSignal,
): Promise<DlqMessagePage> {
  const search = messageFilterParams(filter, page).toString();
  return apiGet(`${dlqPath(cluster, topic)}/messages${search ? `?${search}` : ""}`, dlqMessagePageSchema, { signal });
}

export function fetchDlqMessage(
  cluster: string,
  topic: string,
  partition: number,
  offset: string,
  signal?: AbortSignal,
): Promise<DlqMessageDetails> {
  return apiGet(dlqMessagePath(cluster, topic, partition, offset), dlqMessageDetailsSchema, { signal });
}

export const dlqsQuery = (cluster: string) =>
  queryOptions({ queryKey: dlqKeys.list(cluster), queryFn: ({ signal }) => fetchDlqs(cluster, signal), ...liveQueryDefaults });

export const dlqSummaryQuery = (cluster: string, topic: string) =>
  queryOptions({
    queryKey: dlqKeys.summary(cluster, topic),
    queryFn: ({ signal }) => fetchDlqSummary(cluster, topic, signal),
    ...liveQueryDefaults,
    placeholderData: undefined,
  });

// The loaded pages are polled like any live read; a page's groups may move to another page between polls (a group
// seen again moves to the top), which the list shows as it is at each poll.
export const failureGroupPagesQuery = (cluster: string, topic: string) =>
  infiniteQueryOptions({
    queryKey: dlqKeys.groupPages(cluster, topic),
    queryFn: ({ pageParam, signal }) => fetchFailureGroups(cluster, topic, { limit: GROUP_PAGE_SIZE, cursor: pageParam }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    ...liveQueryDefaults,
    placeholderData: undefined,
  });

/** One failure group by fingerprint (to name a chosen group that may not be among the loaded pages), or null. */
export const failureGroupQuery = (cluster: string, topic: string, fingerprint: string) =>
  queryOptions({
    queryKey: dlqKeys.group(cluster, topic, fingerprint),
    queryFn: async ({ signal }): Promise<FailureGroup | null> =>
      (await fetchFailureGroups(cluster, topic, { fingerprint }, signal)).groups[0] ?? null,
    ...liveQueryDefaults,
    placeholderData: undefined,
  });

export const dlqMessageQuery = (cluster: string, topic: string, partition: number, offset: string) =>
  queryOptions({
    queryKey: dlqKeys.message(cluster, topic, partition, offset),
    queryFn: ({ signal }) => fetchDlqMessage(cluster, topic, partition, offset, signal),
    ...liveQueryDefaults,
    placeholderData: undefined,
  });

export const useDlqs = (cluster: string) => useQuery(dlqsQuery(cluster));
export const useDlqSummary = (cluster: string, topic: string) => useQuery(dlqSummaryQuery(cluster, topic));
export const useFailureGroupPages = (cluster: string, topic: string) => useInfiniteQuery(failureGroupPagesQuery(cluster, topic));
export const useFailureGroup = (cluster: string, topic: string, fingerprint: string) =>
  useQuery({ ...failureGroupQuery(cluster, topic, fingerprint), enabled: fingerprint !== "" });
export const useDlqMessage = (cluster: string, topic: string, partition: number, offset: string) =>
  useQuery(dlqMessageQuery(cluster, topic, partition, offset));

export function redeliverMessage(
  cluster: string,
  topic: string,
  partition: number,
  offset: string,
  body: RedeliverRequestBody,
): Promise<RedeliverAnswer> {
  return apiSend("POST", `${dlqMessagePath(cluster, topic, partition, offset)}/redeliver`, body, redeliverAnswerSchema);
}

export function discardMessage(
  cluster: string,
  topic: string,
  partition: number,
  offset: string,
  reason: string,
): Promise<{ status: "discarded" }> {
  return apiSend("POST", `${dlqMessagePath(cluster, topic, partition, offset)}/discard`, { reason }, discardAnswerSchema);
}

/** Forgets a triaged DLQ's stored records (admin): the DLQ leaves the list until the indexer stores some of it again. */
export function useForgetDlq(cluster: string, topic: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiSend("DELETE", dlqPath(cluster, topic), {}, forgottenDlqSchema),
    onSuccess: () => queryClient.removeQueries({ queryKey: dlqKeys.topic(cluster, topic) }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: dlqKeys.list(cluster) }),
  });
}

/** A triage action changes the message's status and history and the DLQ's counts: refetch the whole topic and the DLQ list. */
function useInvalidateDlq(cluster: string, topic: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: dlqKeys.topic(cluster, topic) }),
      queryClient.invalidateQueries({ queryKey: dlqKeys.list(cluster) }),
    ]);
}

export function useRedeliverMessage(cluster: string, topic: string, partition: number, offset: string) {
  const invalidate = useInvalidateDlq(cluster, topic);
  return useMutation({
    mutationFn: (body: RedeliverRequestBody) => redeliverMessage(cluster, topic, partition, offset, body),
    // A failure changes the page too: a refused send is in the history, a 409 means someone else resolved it.
    onSettled: invalidate,
  });
}

export function useDiscardMessage(cluster: string, topic: string, partition: number, offset: string) {
  const invalidate = useInvalidateDlq(cluster, topic);
  return useMutation({
    mutationFn: (reason: string) => discardMessage(cluster, topic, partition, offset, reason),
    onSettled: invalidate,
  });
}
