// Reads the history behind the charts: a group's sampled lag, bucketed so any range comes back as at most 240 points, and
// a DLQ's records per hour from the failure-hourly table the indexer keeps.
import { and, eq, gte, lt, sql } from "drizzle-orm";
import { rangeMs, type Inflow, type InflowRange, type LagHistory, type LagRange } from "@/lib/contract/history-schemas";
import { dlqFailureHourly } from "@/lib/store/dlq-schema";
import { groupLagSample } from "@/lib/store/monitoring-schema";
import type { Store } from "@/lib/store/open-store";

const HOUR_MS = 3_600_000;
const LAG_POINTS = 240;

/**
 * `sampleMs` is how often the server samples lag: a bucket is never narrower, or an hour sampled once a minute would
 * come back as 240 buckets of which three in four are empty, and the chart would draw every sample as a gap.
 */
export async function lagHistory(
  store: Store,
  cluster: string,
  groupId: string,
  range: LagRange,
  sampleMs: number,
  now = new Date(),
): Promise<LagHistory> {
  const span = rangeMs[range];
  const bucketMs = Math.max(span / LAG_POINTS, sampleMs);
  const from = new Date(now.getTime() - span);
  const bucket = sql<string>`floor(extract(epoch from ${groupLagSample.at}) * 1000 / ${bucketMs}) * ${bucketMs}`;
  const rows = await store.db
    .select({ bucket: bucket.as("bucket"), lag: sql<string>`max(${groupLagSample.lag})` })
    .from(groupLagSample)
    .where(and(eq(groupLagSample.cluster, cluster), eq(groupLagSample.groupId, groupId), gte(groupLagSample.at, from)))
    .groupBy(sql`bucket`)
    .orderBy(sql`bucket`);
  return {
    range,
    from: from.toISOString(),
    to: now.toISOString(),
    bucketSeconds: bucketMs / 1000,
    points: rows.map((r) => ({ at: new Date(Number(r.bucket)).toISOString(), lag: String(r.lag) })),
  };
}

export async function dlqInflow(store: Store, cluster: string, topic: string, range: InflowRange, now = new Date()): Promise<Inflow> {
  const hours = rangeMs[range] / HOUR_MS;
  const currentHour = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS;
  const start = currentHour - (hours - 1) * HOUR_MS;
  const rows = await store.db
    .select({ hour: dlqFailureHourly.hour, count: sql<string>`sum(${dlqFailureHourly.count})` })
    .from(dlqFailureHourly)
    .where(
      and(
        eq(dlqFailureHourly.cluster, cluster),
        eq(dlqFailureHourly.topic, topic),
        gte(dlqFailureHourly.hour, new Date(start)),
        lt(dlqFailureHourly.hour, new Date(currentHour + HOUR_MS)),
      ),
    )
    .groupBy(dlqFailureHourly.hour);
  const byHour = new Map(rows.map((r) => [r.hour.getTime(), String(r.count)]));
  return {
    range,
    from: new Date(start).toISOString(),
    to: new Date(currentHour + HOUR_MS).toISOString(),
    bucketSeconds: HOUR_MS / 1000,
    points: Array.from({ length: hours }, (_, i) => {
      const at = start + i * HOUR_MS;
      return { at: new Date(at).toISOString(), count: byHour.get(at) ?? "0" };
    }),
  };
}
