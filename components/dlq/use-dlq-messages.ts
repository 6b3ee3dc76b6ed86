"use client";
// The message list's data: pages loaded on demand with the API's cursor, plus a small poll of the newest page every
// few seconds that is folded in front of them, so new records appear live without refetching every loaded page.
import { keepPreviousData, useInfiniteQuery, useQuery, useQueryClient, type InfiniteData } from "@tanstack/react-query";
import { useEffect, useMemo } from "react";
import type { DlqListMessage, DlqMessageFilter, DlqMessagePage } from "@/lib/contract/schemas";
import { dlqKeys, fetchDlqMessages } from "@/lib/query/dlqs";
import { LIVE_REFETCH_MS, shouldRetryLiveQuery } from "@/lib/query/live-query";
import { hasGapAfterHead, mergeLiveHead } from "./merge-live-head";

export const MESSAGE_PAGE_SIZE = 200;
const HEAD_PAGE_SIZE = 100;

export function useDlqMessages(cluster: string, topic: string, filter: DlqMessageFilter) {
  const queryClient = useQueryClient();
  const listKey = dlqKeys.messages(cluster, topic, filter);
  const pages = useInfiniteQuery({
    queryKey: listKey,
    queryFn: ({ pageParam, signal }) => fetchDlqMessages(cluster, topic, filter, { limit: MESSAGE_PAGE_SIZE, cursor: pageParam }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    // Loaded pages are kept current by the head poll below; refetching all of them (50 requests at 10,000 rows)
    // on focus or reconnect would be wasted work.
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
    // A new filter keeps the old rows on screen (dimmed) until its first page arrives, instead of a flash of skeleton.
    placeholderData: keepPreviousData,
    retry: shouldRetryLiveQuery,
  });

  const head = useQuery({
    queryKey: [...listKey, "head"],
    queryFn: ({ signal }) => fetchDlqMessages(cluster, topic, filter, { limit: HEAD_PAGE_SIZE }, signal),
    refetchInterval: LIVE_REFETCH_MS,
    retry: shouldRetryLiveQuery,
    // Only poll once the list itself is there: its first page is the head's first answer.
    enabled: pages.isSuccess && !pages.isPlaceholderData,
  });

  const loaded = useMemo(() => flattenPages(pages.data?.pages), [pages.data?.pages]);
  const headPage = pages.isPlaceholderData ? undefined : head.data;
  const gap = headPage ? hasGapAfterHead(loaded, headPage.messages, headPage.nextCursor === null) : false;
  const messages = useMemo(() => {
    if (!headPage) return loaded;
    return gap ? headPage.messages : mergeLiveHead(loaded, headPage.messages, headPage.nextCursor === null);
  }, [loaded, headPage, gap]);

  // A burst bigger than the head page arrived between polls: the loaded pages no longer join up with the head, so
  // the list restarts from the head and pages on from its cursor.
  useEffect(() => {
    if (!gap || !headPage) return;
    queryClient.setQueryData<InfiniteData<DlqMessagePage, string | null>>(listKey, { pages: [headPage], pageParams: [null] });
  }, [gap, headPage, queryClient, listKey]);

  return {
    messages,
    /** True while a new filter's first page loads and the previous filter's rows are still shown. */
    isStale: pages.isPlaceholderData,
    isLoading: pages.isPending,
    error: pages.error ?? head.error ?? head.failureReason ?? pages.failureReason,
    hasNextPage: pages.hasNextPage,
    isFetchingNextPage: pages.isFetchingNextPage,
    fetchNextPage: pages.fetchNextPage,
    updatedAt: Math.max(head.dataUpdatedAt, pages.dataUpdatedAt),
    isFetching: head.isFetching || pages.isFetching,
  };
}

function flattenPages(pages: readonly { messages: DlqListMessage[] }[] | undefined): readonly DlqListMessage[] {
  if (!pages) return [];
  if (pages.length === 1) return pages[0]!.messages;
  return pages.flatMap((page) => page.messages);
}
