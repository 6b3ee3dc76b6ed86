// Wire shapes of the history routes (lag over time, DLQ inflow), shared by the route handlers and the browser.
import { z } from "zod";

export const lagRanges = ["1h", "6h", "24h", "7d"] as const;
export const inflowRanges = ["24h", "7d", "30d"] as const;
export type LagRange = (typeof lagRanges)[number];
export type InflowRange = (typeof inflowRanges)[number];

const HOUR_MS = 3_600_000;
export const rangeMs: Record<LagRange | InflowRange, number> = {
  "1h": HOUR_MS,
  "6h": 6 * HOUR_MS,
  "24h": 24 * HOUR_MS,
  "7d": 168 * HOUR_MS,
  "30d": 720 * HOUR_MS,
};

export const lagHistoryQuerySchema = z.object({ range: z.enum(lagRanges).default("1h") });
export const inflowQuerySchema = z.object({ range: z.enum(inflowRanges).default("24h") });

/** int64 lag as a string, like every lag on the wire. */
export const lagPointSchema = z.object({ at: z.string(), lag: z.string() });
export const lagHistorySchema = z.object({
  range: z.enum(lagRanges),
  from: z.string(),
  to: z.string(),
  /** How wide each point's bucket is; a point is the highest lag sampled in its bucket. */
  bucketSeconds: z.number(),
  points: z.array(lagPointSchema),
});
export type LagHistory = z.infer<typeof lagHistorySchema>;

export const inflowPointSchema = z.object({ at: z.string(), count: z.string() });
export const inflowSchema = z.object({
  range: z.enum(inflowRanges),
  from: z.string(),
  to: z.string(),
  bucketSeconds: z.number(),
  /** Records per hour by record timestamp, every hour of the range (zero included). */
  points: z.array(inflowPointSchema),
});
export type Inflow = z.infer<typeof inflowSchema>;
