// Consumer groups of one cluster: the list with total lag and one group's members and offsets, read live from Kafka.
import { queryOptions, useQuery } from "@tanstack/react-query";
import { z } from "zod";
import { groupDetailsSchema, groupSummarySchema, type GroupDetails, type GroupSummary } from "@/lib/contract/schemas";
import { apiGet, encodePathSegment } from "./api-client";
import { liveQueryDefaults } from "./live-query";

export const groupKeys = {
  all: (cluster: string) => ["clusters", cluster, "groups"] as const,
  list: (cluster: string) => [...groupKeys.all(cluster), "list"] as const,
  details: (cluster: string, group: string) => [...groupKeys.all(cluster), "details", group] as const,
};

const groupsPath = (cluster: string) => `/api/clusters/${encodePathSegment(cluster)}/groups`;

export function fetchGroups(cluster: string, signal?: AbortSignal): Promise<GroupSummary[]> {
  return apiGet(groupsPath(cluster), z.array(groupSummarySchema), { signal });
}

export function fetchGroup(cluster: string, group: string, signal?: AbortSignal): Promise<GroupDetails> {
  return apiGet(`${groupsPath(cluster)}/${encodePathSegment(group)}`, groupDetailsSchema, { signal });
}

export const groupsQuery = (cluster: string) =>
  queryOptions({
    queryKey: groupKeys.list(cluster),
    queryFn: ({ signal }) => fetchGroups(cluster, signal),
    ...liveQueryDefaults,
  });

export const groupQuery = (cluster: string, group: string) =>
  queryOptions({
    queryKey: groupKeys.details(cluster, group),
    queryFn: ({ signal }) => fetchGroup(cluster, group, signal),
    ...liveQueryDefaults,
    // Keeping the previous group's data would show it under the next group's id.
    placeholderData: undefined,
  });

export function useGroups(cluster: string) {
  return useQuery(groupsQuery(cluster));
}

export function useGroup(cluster: string, group: string) {
  return useQuery(groupQuery(cluster, group));
}
