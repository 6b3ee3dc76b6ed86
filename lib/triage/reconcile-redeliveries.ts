// Single redeliveries that a crash left between their claim and their record: the message is still claimed
// ("being redelivered", 409 to everyone) and nobody knows whether the record reached its target. Once such a claim
// is old enough that no live request can still hold it, look for its x-redrive-id in the target: found → recorded
// as redelivered where it landed; not found → released, so the message is pending again, with the reason audited.
import { and, eq, lt, sql } from "drizzle-orm";
import { appendAudit } from "@/lib/audit/audit-log";
import { dlqMessage } from "@/lib/store/dlq-schema";
import { messageWhere, resolveMessage } from "@/lib/store/dlq-status";
import { redeliveryInFlight } from "@/lib/store/job-schema";
import type { Store } from "@/lib/store/open-store";
import type { JobKafka } from "./job-batch";

/** A request holds its claim for its send at most (the producer's retries and timeouts add up to well under this). */
export const STALE_CLAIM_MS = 2 * 60_000;
const CLOCK_SLACK_MS = 60_000;

export async function reconcileStaleRedeliveries(store: Store, kafkaFor: (cluster: string) => JobKafka, olderThanMs = STALE_CLAIM_MS): Promise<number> {
  const stale = await store.db
    .select()
    .from(redeliveryInFlight)
    .where(lt(redeliveryInFlight.startedAt, sql`now() - ${`${olderThanMs} milliseconds`}::interval`))
    .limit(1_000);
  const byTarget = new Map<string, typeof stale>();
  for (const row of stale) {
    const target = `${row.cluster}\u0000${row.targetTopic}`;
    byTarget.set(target, [...(byTarget.get(target) ?? []), row]);
  }
  for (const rows of byTarget.values()) {
    const { cluster, targetTopic } = rows[0]!;
    const kafka = kafkaFor(cluster);
    const since = Math.min(...rows.map((r) => r.startedAt.getTime())) - CLOCK_SLACK_MS;
    const found = (await kafka.topicNames([targetTopic])).has(targetTopic) ? await kafka.findRedeliveries(targetTopic, since, new Set(rows.map((r) => r.actionId))) : new Map();
    for (const row of rows) {
      const key = { cluster: row.cluster, topic: row.topic, partition: row.partition, offset: row.offset };
      const produced = found.get(row.actionId);
      const actor = { actor: row.actor, role: row.role, source: row.source };
      await store.db.transaction(async (tx) => {
        await tx.delete(redeliveryInFlight).where(eq(redeliveryInFlight.actionId, row.actionId));
        if (produced) {
          if (await resolveMessage(tx, key, "redelivered")) {
            await appendAudit(tx, { ...actor, action: "message.redeliver", ...key, target: produced, details: { actionId: row.actionId, reconciled: true } });
          }
          return;
        }
        const [released] = await tx
          .update(dlqMessage)
          .set({ actionId: null, actionStartedAt: null })
          .where(and(messageWhere(key), eq(dlqMessage.actionId, row.actionId), eq(dlqMessage.status, "pending")))
          .returning({ offset: dlqMessage.offset });
        if (released) {
          const error = "The server stopped before the send was confirmed, and the record is not in the target topic; the message is pending again";
          await appendAudit(tx, { ...actor, action: "message.redeliver_failed", ...key, target: { topic: targetTopic }, details: { actionId: row.actionId, reconciled: true, error } });
        }
      });
    }
  }
  return stale.length;
}
