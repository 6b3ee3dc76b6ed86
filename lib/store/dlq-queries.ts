// Reads over the indexed DLQ records. Browsing reads the store, never Kafka: that is what keeps a DLQ of
// millions of records fast.
import { and, asc, count, eq, min, sql } from "drizzle-orm";
import type { DlqSummary } from "@/lib/api/schemas";
import { dlqMessage } from "./dlq-schema";
import type { Store } from "./open-store";

const byStatus = (status: string) => count(sql`case when ${dlqMessage.status} = ${status} then 1 end`);

/** One line per DLQ topic of a cluster: how many records, by status, and how old the oldest pending one is. */
export async function summariseDlqs(store: Store, cluster: string): Promise<DlqSummary[]> {
  const rows = await store.db
    .select({
      topic: dlqMessage.topic,
      total: count(),
      pending: byStatus("pending"),
      redelivered: byStatus("redelivered"),
      discarded: byStatus("discarded"),
      oldestPendingAt: min(sql<Date | string | null>`case when ${dlqMessage.status} = 'pending' then ${dlqMessage.timestamp} end`),
    })
    .from(dlqMessage)
    .where(and(eq(dlqMessage.cluster, cluster)))
    .groupBy(dlqMessage.topic)
    .orderBy(asc(dlqMessage.topic));
  return rows.map((r) => ({
    topic: r.topic,
    total: String(r.total),
    pending: String(r.pending),
    redelivered: String(r.redelivered),
    discarded: String(r.discarded),
    oldestPendingAt: r.oldestPendingAt === null ? null : new Date(r.oldestPendingAt).toISOString(),
  }));
}
