// Clusters: configured from the environment, so they are read once and kept.
import { queryOptions, useQuery } from "@tanstack/react-query";
import { z } from "zod";
import { clusterSchema, type Cluster } from "@/lib/contract/schemas";
import { apiGet } from "./api-client";

export const clusterKeys = {
  all: () => ["clusters"] as const,
  list: () => [...clusterKeys.all(), "list"] as const,
};

export function fetchClusters(signal?: AbortSignal): Promise<Cluster[]> {
  return apiGet("/api/clusters", z.array(clusterSchema), { signal });
}

export const clustersQuery = () =>
  queryOptions({
    queryKey: clusterKeys.list(),
    queryFn: ({ signal }) => fetchClusters(signal),
    staleTime: 5 * 60_000,
  });

export function useClusters() {
  return useQuery(clustersQuery());
}

/** The cluster with this id, once the list has loaded; undefined while loading or when it is unknown. */
export function useCluster(clusterId: string) {
  const query = useClusters();
  return { ...query, cluster: query.data?.find((cluster) => cluster.id === clusterId) };
}
