// Appending to and verifying the audit log in the store. An entry is always written inside the caller's
// transaction, so a state change and its entry commit together or not at all.
import { desc, sql } from "drizzle-orm";
import type { Store, StoreTx } from "@/lib/store/open-store";
import { auditLog } from "@/lib/store/audit-schema";
import { auditRowsInOrder } from "./audit-queries";
import { ChainVerifier, entryHash, GENESIS_HASH, type ChainedFields, type ChainVerdict } from "./chain";

export type AuditInput = Partial<Omit<ChainedFields, "seq" | "at" | "actor" | "action">> & Pick<ChainedFields, "actor" | "action">;

// Appends take turns through a transaction-scoped advisory lock: the chain has exactly one head.
const AUDIT_LOCK_ID = 0x6175_6469;

export async function appendAudit(tx: StoreTx, input: AuditInput): Promise<ChainedFields & { hash: string }> {
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_LOCK_ID})`);
  const [last] = await tx.select({ seq: auditLog.seq, hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
  const fields: ChainedFields = {
    seq: (last?.seq ?? 0n) + 1n,
    at: new Date(),
    actor: input.actor,
    role: input.role ?? null,
    action: input.action,
    cluster: input.cluster ?? null,
    topic: input.topic ?? null,
    partition: input.partition ?? null,
    offset: input.offset ?? null,
    target: input.target ?? null,
    details: input.details ?? {},
    source: input.source ?? null,
  };
  const prevHash = last?.hash ?? GENESIS_HASH;
  const hash = entryHash(prevHash, fields);
  await tx.insert(auditLog).values({ ...fields, prevHash, hash });
  return { ...fields, hash };
}

/** Records an event that changes nothing else (a sign-in, a failed sign-in) in its own transaction. */
export function recordAudit(store: Store, input: AuditInput) {
  return store.db.transaction((tx) => appendAudit(tx, input));
}

/** Verifies the whole chain in constant memory; names the first entry whose link or hash does not hold. */
export async function verifyAuditLog(store: Store): Promise<ChainVerdict> {
  const verifier = new ChainVerifier();
  for await (const entry of auditRowsInOrder(store, {})) verifier.add(entry);
  return verifier.verdict();
}
