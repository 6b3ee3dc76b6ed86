// A cluster's brokers, controller and partitions short of replicas, read live from Kafka for the overview.
import { queryOptions, useQuery } from "@tanstack/react-query";
import { clusterBrokersSchema, type ClusterBrokers } from "@/lib/contract/schemas";
import { apiGet, encodePathSegment } from "./api-client";
import { liveQueryDefaults } from "./live-query";

export const brokerKeys = {
  all: (cluster: string) => ["clusters", cluster, "brokers"] as const,
};

export function fetchBrokers(cluster: string, signal?: AbortSignal): Promise<ClusterBrokers> {
  return apiGet(`/api/clusters/${encodePathSegment(cluster)}/brokers`, clusterBrokersSchema, { signal });
}

export const brokersQuery = (cluster: string) =>
  queryOptions({
    queryKey: brokerKeys.all(cluster),
    queryFn: ({ signal }) => fetchBrokers(cluster, signal),
    ...liveQueryDefaults,
  });

export function useBrokers(cluster: string) {
  return useQuery(brokersQuery(cluster));
}
