// Single redeliveries nobody knows the outcome of: Kafka's answer to the send was lost (a timeout, a dropped
// connection), or the process sending it died before recording it. The message stays claimed ("checking whether it
// landed", 409 to everyone) until this looks for its x-redrive-id in the target, read up to its end: found →
// recorded as redelivered where it landed; not found → released, so the message is pending again, with the reason
// audited. A check Kafka cannot answer leaves the claim as it is, for the next sweep: never pending again unseen.
import { and, eq, inArray, isNotNull, isNull, lt, or, sql } from "drizzle-orm";
import { appendAudit } from "@/lib/audit/audit-log";
import { dlqMessage } from "@/lib/store/dlq-schema";
import { messageWhere, resolveMessage } from "@/lib/store/dlq-status";
import { redeliveryInFlight } from "@/lib/store/job-schema";
import type { Store } from "@/lib/store/open-store";
import { RECONCILE_DELAY_MS, type JobKafka } from "./job-batch";

/** A request holds its claim for its send at most (the producer's retries and timeouts add up to well under this). */
export const STALE_CLAIM_MS = 2 * 60_000;
const CLOCK_SLACK_MS = 60_000;

type InFlight = typeof redeliveryInFlight.$inferSelect;

const ago = (ms: number) => sql`now() - ${`${ms} milliseconds`}::interval`;

/**
 * Settles the claims left by a crash (sending for longer than `olderThanMs`) and those whose send's answer was lost
 * (checking for longer than `settleMs`, time for a write still under way to land). Answers how many it looked at;
 * throws the first error of a target it could not read, after settling the others.
 */
export async function reconcileStaleRedeliveries(
  store: Store,
  kafkaFor: (cluster: string) => JobKafka,
  olderThanMs = STALE_CLAIM_MS,
  settleMs = RECONCILE_DELAY_MS,
): Promise<number> {
  const f = redeliveryInFlight;
  const due = await store.db
    .select()
    .from(f)
    .where(or(and(isNull(f.checkingSince), lt(f.startedAt, ago(olderThanMs))), lt(f.checkingSince, ago(settleMs))))
    .limit(1_000);
  const crashed = due.filter((row) => row.checkingSince === null).map((row) => row.actionId);
  // From here on a crash's claim shows as being checked too.
  if (crashed.length > 0) {
    await store.db
      .update(f)
      .set({ checkingSince: sql`now()` })
      .where(and(inArray(f.actionId, crashed), isNull(f.checkingSince)));
  }
  const byTarget = new Map<string, InFlight[]>();
  for (const row of due) {
    const target = `${row.cluster}\u0000${row.targetTopic}`;
    byTarget.set(target, [...(byTarget.get(target) ?? []), row]);
  }
  const byCluster = new Map<string, InFlight[][]>();
  for (const rows of byTarget.values()) byCluster.set(rows[0]!.cluster, [...(byCluster.get(rows[0]!.cluster) ?? []), rows]);
  // Clusters side by side: one whose brokers do not answer holds up no other cluster's checks.
  const failures = await Promise.all(
    [...byCluster.values()].map(async (targets) => {
      let failure: unknown = null;
      for (const rows of targets) {
        try {
          await settleTarget(store, kafkaFor(rows[0]!.cluster), rows);
        } catch (error) {
          failure ??= error;
        }
      }
      return failure;
    }),
  );
  const failure = failures.find((f) => f !== null);
  if (failure !== undefined) throw failure;
  return due.length;
}

/** Whether any single redelivery is waiting for its check (the sweep then comes back soon). */
export async function hasUnconfirmedRedeliveries(store: Store): Promise<boolean> {
  const f = redeliveryInFlight;
  const [row] = await store.db.select({ id: f.actionId }).from(f).where(isNotNull(f.checkingSince)).limit(1);
  return row !== undefined;
}

async function settleTarget(store: Store, kafka: JobKafka, rows: InFlight[]): Promise<void> {
  const { targetTopic } = rows[0]!;
  const since = Math.min(...rows.map((r) => r.startedAt.getTime())) - CLOCK_SLACK_MS;
  // A target deleted since cannot hold the record.
  const exists = (await kafka.topicNames([targetTopic])).has(targetTopic);
  const found = exists ? await kafka.findRedeliveries(targetTopic, since, new Set(rows.map((r) => r.actionId))) : new Map();
  for (const row of rows) {
    const key = { cluster: row.cluster, topic: row.topic, partition: row.partition, offset: row.offset };
    const produced = found.get(row.actionId);
    const actor = { actor: row.actor, role: row.role, source: row.source };
    const details = {
      ...(row.details as object | null),
      actionId: row.actionId,
      reconciled: true,
      ...(row.sendError ? { sendError: row.sendError } : {}),
    };
    const lost = row.sendError
      ? `Kafka's answer to the send was lost (${row.sendError})`
      : "The server stopped before the send was confirmed";
    await store.db.transaction(async (tx) => {
      // Another instance's sweep may have settled it already.
      const f = redeliveryInFlight;
      const [held] = await tx.delete(f).where(eq(f.actionId, row.actionId)).returning({ id: f.actionId });
      if (!held) return;
      if (produced) {
        if (await resolveMessage(tx, key, "redelivered")) {
          const finding = `${lost}; the record was found in "${targetTopic}" at partition ${produced.partition}, offset ${produced.offset}`;
          await appendAudit(tx, { ...actor, action: "message.redeliver", ...key, target: produced, details: { ...details, finding } });
        }
        return;
      }
      const [released] = await tx
        .update(dlqMessage)
        .set({ actionId: null, actionStartedAt: null })
        .where(and(messageWhere(key), eq(dlqMessage.actionId, row.actionId), eq(dlqMessage.status, "pending")))
        .returning({ offset: dlqMessage.offset });
      if (released) {
        const where = exists
          ? `is not in "${targetTopic}" (read up to its end)`
          : `cannot be in "${targetTopic}" (the topic no longer exists)`;
        const error = `${lost}, and the record ${where}: it did not land, and the message is pending again`;
        await appendAudit(tx, {
          ...actor,
          action: "message.redeliver_failed",
          ...key,
          target: { topic: targetTopic },
          details: { ...details, error },
        });
      }
    });
  }
}
