// Whether the server's indexer is reading a cluster's DLQs: what the DLQ pages show is only as current as it is.
import { useQuery } from "@tanstack/react-query";
import { indexerStatusSchema } from "@/lib/contract/indexer-schemas";
import { apiGet, encodePathSegment } from "./api-client";
import { liveQueryDefaults } from "./live-query";

export function useIndexerStatus(cluster: string) {
  return useQuery({
    queryKey: ["clusters", cluster, "indexer"],
    queryFn: ({ signal }) => apiGet(`/api/clusters/${encodePathSegment(cluster)}/indexer`, indexerStatusSchema, { signal }),
    ...liveQueryDefaults,
  });
}
