// Whether the server's indexer is reading a cluster's DLQs: what the DLQ pages show is only as current as it is.
import { useQuery } from "@tanstack/react-query";
import { z } from "zod";
import { apiGet, encodePathSegment } from "./api-client";
import { liveQueryDefaults } from "./live-query";

export const indexerStatusSchema = z.union([
  z.object({ state: z.literal("off") }),
  z.object({ state: z.enum(["indexing", "failing"]), topics: z.number().int(), lastError: z.string().nullable(), lastErrorAt: z.string().nullable(), failingSince: z.string().nullable(), heldBack: z.array(z.object({ topic: z.string(), reason: z.string(), since: z.string() })) }),
]);
export type IndexerStatus = z.infer<typeof indexerStatusSchema>;

export function useIndexerStatus(cluster: string) {
  return useQuery({
    queryKey: ["clusters", cluster, "indexer"],
    queryFn: ({ signal }) => apiGet(`/api/clusters/${encodePathSegment(cluster)}/indexer`, indexerStatusSchema, { signal }),
    ...liveQueryDefaults,
  });
}
