// Topics of one cluster: the list and one topic's partitions and consuming groups, read live from Kafka.
import { queryOptions, useQuery } from "@tanstack/react-query";
import { z } from "zod";
import { topicDetailsSchema, topicSummarySchema, type TopicDetails, type TopicSummary } from "@/lib/contract/schemas";
import { apiGet, encodePathSegment } from "./api-client";
import { liveQueryDefaults } from "./live-query";

export const topicKeys = {
  all: (cluster: string) => ["clusters", cluster, "topics"] as const,
  list: (cluster: string) => [...topicKeys.all(cluster), "list"] as const,
  details: (cluster: string, topic: string) => [...topicKeys.all(cluster), "details", topic] as const,
};

const topicsPath = (cluster: string) => `/api/clusters/${encodePathSegment(cluster)}/topics`;

export function fetchTopics(cluster: string, signal?: AbortSignal): Promise<TopicSummary[]> {
  return apiGet(topicsPath(cluster), z.array(topicSummarySchema), { signal });
}

export function fetchTopic(cluster: string, topic: string, signal?: AbortSignal): Promise<TopicDetails> {
  return apiGet(`${topicsPath(cluster)}/${encodePathSegment(topic)}`, topicDetailsSchema, { signal });
}

export const topicsQuery = (cluster: string) =>
  queryOptions({
    queryKey: topicKeys.list(cluster),
    queryFn: ({ signal }) => fetchTopics(cluster, signal),
    ...liveQueryDefaults,
  });

export const topicQuery = (cluster: string, topic: string) =>
  queryOptions({
    queryKey: topicKeys.details(cluster, topic),
    queryFn: ({ signal }) => fetchTopic(cluster, topic, signal),
    ...liveQueryDefaults,
    // Keeping the previous topic's data would show it under the next topic's name.
    placeholderData: undefined,
  });

export function useTopics(cluster: string) {
  return useQuery(topicsQuery(cluster));
}

export function useTopic(cluster: string, topic: string) {
  return useQuery(topicQuery(cluster, topic));
}
