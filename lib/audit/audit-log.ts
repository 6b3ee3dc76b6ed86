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
  const fields = chainedFields((last?.seq ?? 0n) + 1n, new Date(), input);
  const prevHash = last?.hash ?? GENESIS_HASH;
  const hash = entryHash(prevHash, fields);
  await tx.insert(auditLog).values({ ...fields, prevHash, hash });
  return { ...fields, hash };
}

/**
 * Appends many entries under one turn of the lock and one INSERT (a bulk job records a batch of messages this
 * way); the chain is the same as if they had been appended one by one.
 */
export async function appendAuditBatch(tx: StoreTx, inputs: readonly AuditInput[]): Promise<void> {
  if (inputs.length === 0) return;
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_LOCK_ID})`);
  const [last] = await tx.select({ seq: auditLog.seq, hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
  let seq = last?.seq ?? 0n;
  let prevHash = last?.hash ?? GENESIS_HASH;
  const at = new Date();
  const rows = inputs.map((input) => {
    seq += 1n;
    const fields = chainedFields(seq, at, input);
    const row = { ...fields, prevHash, hash: entryHash(prevHash, fields) };
    prevHash = row.hash;
    return row;
  });
  // One JSON document for the whole batch: PostgreSQL parses it once, where 14 array parameters of 500 elements
  // each cost more to escape and parse than the insert itself.
  const batch = JSON.stringify(
    rows.map((r) => ({ ...r, seq: r.seq.toString(), offset: r.offset?.toString() ?? null, prev_hash: r.prevHash, prevHash: undefined })),
  );
  await tx.execute(sql`
    insert into audit_log (seq, at, actor, role, action, cluster, topic, "partition", "offset", target, details, source, prev_hash, hash)
    select seq, at, actor, role, action, cluster, topic, "partition", "offset", target, details, source, prev_hash, hash
    from jsonb_to_recordset(${batch}::jsonb) as x(seq bigint, at timestamptz, actor text, role text, action text, cluster text, topic text,
      "partition" integer, "offset" bigint, target jsonb, details jsonb, source text, prev_hash text, hash text)`);
}

function chainedFields(seq: bigint, at: Date, input: AuditInput): ChainedFields {
  return {
    seq,
    at,
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
