// GET /api/clusters/{c}/indexer on the wire: whether the server's indexer reads the cluster's DLQs, and if it fails,
// since when and why; the DLQ pages say so, as what they show is only as current as the last record stored.
import { z } from "zod";

export const indexerStatusSchema = z.union([
  z.object({ state: z.literal("off") }),
  z.object({
    state: z.enum(["indexing", "failing"]),
    topics: z.number().int(),
    lastError: z.string().nullable(),
    lastErrorAt: z.string().nullable(),
    failingSince: z.string().nullable(),
    heldBack: z.array(z.object({ topic: z.string(), reason: z.string(), since: z.string() })),
  }),
]);
export type IndexerStatus = z.infer<typeof indexerStatusSchema>;
