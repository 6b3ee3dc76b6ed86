// Summaries over the indexed DLQ records. Counts come from the failure-group table the indexer keeps up to
// date, and the oldest pending record is the first entry of an index, so neither counts millions of rows.
import { and, asc, count, eq, gt, gte, inArray, lt, lte, min, or, sql, sum } from "drizzle-orm";
import type { DlqSummary, FailureGroup } from "@/lib/contract/schemas";
import { dlqFailureGroup, dlqFailureHourly, dlqMessage } from "./dlq-schema";
import type { Store } from "./open-store";

const HOUR_MS = 3_600_000;
export const TREND_HOURS = 24;

const int = (value: string | number | null) => String(value ?? 0);

async function oldestPendingAt(store: Store, cluster: string, topic: string): Promise<string | null> {
  const [row] = await store.db
    .select({ at: min(dlqMessage.timestamp) })
    .from(dlqMessage)
    .where(and(eq(dlqMessage.cluster, cluster), eq(dlqMessage.topic, topic), eq(dlqMessage.status, "pending")));
  return row?.at ? new Date(row.at).toISOString() : null;
}

function totalsQuery(store: Store, cluster: string, topic?: string) {
  return store.db
    .select({
      topic: dlqFailureGroup.topic,
      total: sum(dlqFailureGroup.count),
      pending: sum(dlqFailureGroup.pending),
      redelivered: sum(dlqFailureGroup.redelivered),
      discarded: sum(dlqFailureGroup.discarded),
    })
    .from(dlqFailureGroup)
    .where(and(eq(dlqFailureGroup.cluster, cluster), topic === undefined ? undefined : eq(dlqFailureGroup.topic, topic)))
    .groupBy(dlqFailureGroup.topic)
    .orderBy(asc(dlqFailureGroup.topic));
}

type Totals = Awaited<ReturnType<typeof totalsQuery>>[number];

async function withOldest(store: Store, cluster: string, totals: Totals): Promise<DlqSummary> {
  return {
    topic: totals.topic,
    total: int(totals.total),
    pending: int(totals.pending),
    redelivered: int(totals.redelivered),
    discarded: int(totals.discarded),
    oldestPendingAt: Number(totals.pending ?? 0) > 0 ? await oldestPendingAt(store, cluster, totals.topic) : null,
  };
}

/** One line per DLQ topic of a cluster: how many records, by status, and how old the oldest pending one is. */
export async function summariseDlqs(store: Store, cluster: string): Promise<DlqSummary[]> {
  const rows = await totalsQuery(store, cluster);
  return Promise.all(rows.map((totals) => withOldest(store, cluster, totals)));
}

/** One DLQ topic's line, or null when nothing of it has been indexed. */
export async function summariseDlq(store: Store, cluster: string, topic: string): Promise<DlqSummary | null> {
  const [totals] = await totalsQuery(store, cluster, topic);
  return totals ? withOldest(store, cluster, totals) : null;
}

/** Where a page of failure groups ended: the groups come newest `lastSeen` first, then by fingerprint. */
export interface FailureGroupPosition {
  lastSeen: Date;
  fingerprint: string;
}

export interface FailureGroupQuery {
  /** At most this many groups (100 unless given). */
  limit?: number;
  /** The groups after this position (the previous page's `next`). */
  after?: FailureGroupPosition;
  /** Only this group. */
  fingerprint?: string;
  now?: Date;
}

export interface FailureGroupPage {
  groups: FailureGroup[];
  next: FailureGroupPosition | null;
  /** How many groups the DLQ has in all. */
  total: number;
}

/**
 * One page of a DLQ's failure groups, most recently seen first, each with its records per hour over the last day.
 * A DLQ can hold 100,000 groups: the page is read in the order of an index from where the last one ended, and
 * only its own groups' hourly counts are read.
 */
export async function failureGroups(
  store: Store,
  cluster: string,
  topic: string,
  query: FailureGroupQuery = {},
): Promise<FailureGroupPage> {
  const { limit = 100, after, fingerprint, now = new Date() } = query;
  const currentHour = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS;
  const trendStart = currentHour - (TREND_HOURS - 1) * HOUR_MS;
  const g = dlqFailureGroup;
  const ofDlq = and(eq(g.cluster, cluster), eq(g.topic, topic));
  // The first condition bounds the index scan; the second skips the groups of the cursor's instant already given.
  const afterCursor = after
    ? and(lte(g.lastSeen, after.lastSeen), or(lt(g.lastSeen, after.lastSeen), gt(g.fingerprint, after.fingerprint)))
    : undefined;
  const [rows, [counted]] = await Promise.all([
    store.db
      .select()
      .from(g)
      .where(and(ofDlq, afterCursor, fingerprint === undefined ? undefined : eq(g.fingerprint, fingerprint)))
      // NULLS LAST as the index has it (drizzle's .desc() index): a plain DESC means NULLS FIRST to PostgreSQL, which
      // then sorted every group of the DLQ for each page instead of reading the index (last_seen is never null).
      .orderBy(sql`${g.lastSeen} desc nulls last`, asc(g.fingerprint))
      .limit(limit + 1),
    store.db.select({ total: count() }).from(g).where(ofDlq),
  ]);
  const groups = rows.slice(0, limit);
  const last = groups.at(-1);
  const next = rows.length > limit && last ? { lastSeen: last.lastSeen, fingerprint: last.fingerprint } : null;
  const hourly =
    groups.length === 0
      ? []
      : await store.db
          .select({ fingerprint: dlqFailureHourly.fingerprint, hour: dlqFailureHourly.hour, count: dlqFailureHourly.count })
          .from(dlqFailureHourly)
          .where(
            and(
              eq(dlqFailureHourly.cluster, cluster),
              eq(dlqFailureHourly.topic, topic),
              gte(dlqFailureHourly.hour, new Date(trendStart)),
              inArray(
                dlqFailureHourly.fingerprint,
                groups.map((group) => group.fingerprint),
              ),
            ),
          );
  const trends = new Map<string, number[]>();
  for (const { fingerprint, hour, count } of hourly) {
    const bucket = Math.round((hour.getTime() - trendStart) / HOUR_MS);
    if (bucket < 0 || bucket >= TREND_HOURS) continue;
    let trend = trends.get(fingerprint);
    if (!trend) trends.set(fingerprint, (trend = new Array<number>(TREND_HOURS).fill(0)));
    trend[bucket] = (trend[bucket] ?? 0) + Number(count);
  }
  const wire = groups.map((g) => ({
    fingerprint: g.fingerprint,
    exceptionClass: g.exceptionClass,
    reason: g.reason,
    originalTopic: g.originalTopic,
    count: Number(g.count),
    pending: Number(g.pending),
    firstSeen: g.firstSeen.toISOString(),
    lastSeen: g.lastSeen.toISOString(),
    trend: trends.get(g.fingerprint) ?? new Array<number>(TREND_HOURS).fill(0),
  }));
  return { groups: wire, next, total: counted?.total ?? 0 };
}
