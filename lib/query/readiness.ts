// Readiness of Kafka and the store, polled for the overview's health panel.
import { queryOptions, useQuery } from "@tanstack/react-query";
import { readinessSchema, type Readiness } from "@/lib/contract/schemas";
import { apiGet } from "./api-client";
import { liveQueryDefaults } from "./live-query";

export const readinessKeys = {
  all: () => ["readiness"] as const,
};

export function fetchReadiness(signal?: AbortSignal): Promise<Readiness> {
  // 503 is the "not ready" answer and still carries the readiness body.
  return apiGet("/api/ready", readinessSchema, { signal, acceptStatuses: [503] });
}

export const readinessQuery = () =>
  queryOptions({
    queryKey: readinessKeys.all(),
    queryFn: ({ signal }) => fetchReadiness(signal),
    ...liveQueryDefaults,
  });

export function useReadiness() {
  return useQuery(readinessQuery());
}
