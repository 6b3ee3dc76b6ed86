// Monitoring history for the charts: a group's sampled lag and a DLQ's inflow per hour, read from the store and
// refreshed every 30 s (samples arrive once a minute by default; Kafka is not read).
import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import {
  inflowSchema,
  lagHistorySchema,
  type Inflow,
  type InflowRange,
  type LagHistory,
  type LagRange,
} from "@/lib/contract/history-schemas";
import { apiGet, encodePathSegment } from "./api-client";
import { dlqKeys, dlqPath } from "./dlqs";
import { groupKeys } from "./groups";

const HISTORY_REFETCH_MS = 30_000;

export const historyKeys = {
  lag: (cluster: string, group: string, range: LagRange) => [...groupKeys.details(cluster, group), "lag-history", range] as const,
  inflow: (cluster: string, topic: string, range: InflowRange) => [...dlqKeys.topic(cluster, topic), "inflow", range] as const,
};

export function fetchLagHistory(cluster: string, group: string, range: LagRange, signal?: AbortSignal): Promise<LagHistory> {
  return apiGet(
    `/api/clusters/${encodePathSegment(cluster)}/groups/${encodePathSegment(group)}/lag-history?range=${range}`,
    lagHistorySchema,
    { signal },
  );
}

export function fetchInflow(cluster: string, topic: string, range: InflowRange, signal?: AbortSignal): Promise<Inflow> {
  return apiGet(`${dlqPath(cluster, topic)}/inflow?range=${range}`, inflowSchema, { signal });
}

// A new range keeps the old chart up (dimmed by the caller) until its data arrives.
export const lagHistoryQuery = (cluster: string, group: string, range: LagRange) =>
  queryOptions({
    queryKey: historyKeys.lag(cluster, group, range),
    queryFn: ({ signal }) => fetchLagHistory(cluster, group, range, signal),
    refetchInterval: HISTORY_REFETCH_MS,
    placeholderData: keepPreviousData,
  });

export const inflowQuery = (cluster: string, topic: string, range: InflowRange) =>
  queryOptions({
    queryKey: historyKeys.inflow(cluster, topic, range),
    queryFn: ({ signal }) => fetchInflow(cluster, topic, range, signal),
    refetchInterval: HISTORY_REFETCH_MS,
    placeholderData: keepPreviousData,
  });

export const useLagHistory = (cluster: string, group: string, range: LagRange) => useQuery(lagHistoryQuery(cluster, group, range));
export const useInflow = (cluster: string, topic: string, range: InflowRange) => useQuery(inflowQuery(cluster, topic, range));
