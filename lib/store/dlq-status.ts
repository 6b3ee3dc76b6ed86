// Moving a DLQ record out of `pending`, with its failure group's counts, inside the caller's transaction. The
// row lock taken here is what makes a message resolve exactly once when several requests race for it.
import { and, eq, sql } from "drizzle-orm";
import { dlqFailureGroup, dlqMessage } from "./dlq-schema";
import type { StoreTx } from "./open-store";

export interface MessageKey {
  cluster: string;
  topic: string;
  partition: number;
  offset: bigint;
}

/** The WHERE that picks one record by its coordinates. */
export function messageWhere(key: MessageKey) {
  const m = dlqMessage;
  return and(eq(m.cluster, key.cluster), eq(m.topic, key.topic), eq(m.partition, key.partition), eq(m.offset, key.offset));
}

/** Locks the record for the rest of the transaction and returns it (or null when it is not indexed). */
export async function lockMessage(tx: StoreTx, key: MessageKey) {
  const [row] = await tx.select().from(dlqMessage).where(messageWhere(key)).for("update");
  return row ?? null;
}

/**
 * Sets a pending record's final status and moves it between its group's counts. Returns false, changing
 * nothing, when the record is not pending (already resolved) or not there.
 */
export async function resolveMessage(tx: StoreTx, key: MessageKey, status: "redelivered" | "discarded"): Promise<boolean> {
  const m = dlqMessage;
  const [row] = await tx
    .update(m)
    .set({ status })
    .where(and(messageWhere(key), eq(m.status, "pending")))
    .returning({ fingerprint: m.fingerprint });
  if (!row) return false;
  const g = dlqFailureGroup;
  await tx
    .update(g)
    .set({ pending: sql`${g.pending} - 1`, [status]: sql`${status === "redelivered" ? g.redelivered : g.discarded} + 1` })
    .where(and(eq(g.cluster, key.cluster), eq(g.topic, key.topic), eq(g.fingerprint, row.fingerprint)));
  return true;
}
