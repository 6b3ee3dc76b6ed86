// Shared polling behaviour for live Kafka reads (offsets, lag): poll, keep the last data, never give up while Kafka is down.
import { keepPreviousData } from "@tanstack/react-query";
import { RequestError } from "./request-error";

export const LIVE_REFETCH_MS = 5_000;

/** Retry everything except answers that will not change by asking again (unknown topic, bad request). */
export function shouldRetryLiveQuery(_failureCount: number, error: unknown): boolean {
  if (error instanceof RequestError && error.status >= 400 && error.status < 500) return false;
  return true;
}

export const liveQueryDefaults = {
  refetchInterval: LIVE_REFETCH_MS,
  placeholderData: keepPreviousData,
  retry: shouldRetryLiveQuery,
  retryDelay: (attempt: number) => Math.min(1_000 * 2 ** attempt, LIVE_REFETCH_MS),
} as const;
