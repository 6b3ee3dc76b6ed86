// Whether a redelivery may go to a topic, as the server decides it (system topics, REDRIVE_REDELIVER_TARGETS): the
// redeliver dialogs ask this for the target on screen. The rule only changes with a restart, so answers are kept.
import { queryOptions, useQuery } from "@tanstack/react-query";
import { redeliveryTargetAnswerSchema, type RedeliveryTargetAnswer } from "@/lib/contract/triage-schemas";
import { apiGet, encodePathSegment } from "./api-client";

export const redeliveryTargetKeys = {
  all: (cluster: string) => ["clusters", cluster, "redelivery-target"] as const,
  check: (cluster: string, topic: string) => [...redeliveryTargetKeys.all(cluster), topic] as const,
};

export function fetchRedeliveryTarget(cluster: string, topic: string, signal?: AbortSignal): Promise<RedeliveryTargetAnswer> {
  const search = new URLSearchParams({ topic });
  return apiGet(`/api/clusters/${encodePathSegment(cluster)}/redelivery-target?${search}`, redeliveryTargetAnswerSchema, { signal });
}

export const redeliveryTargetQuery = (cluster: string, topic: string) =>
  queryOptions({
    queryKey: redeliveryTargetKeys.check(cluster, topic),
    queryFn: ({ signal }) => fetchRedeliveryTarget(cluster, topic, signal),
    staleTime: Infinity,
    enabled: topic !== "",
  });

export const useRedeliveryTarget = (cluster: string, topic: string) => useQuery(redeliveryTargetQuery(cluster, topic));
