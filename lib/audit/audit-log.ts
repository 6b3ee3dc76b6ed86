// Appending to and verifying the audit log in the store. An entry is always written inside the caller's
// transaction, so a state change and its entry commit together or not at all.
import { desc, sql } from "drizzle-orm";
import type { Store, StoreTx } from "@/lib/store/open-store";
import { auditLog } from "@/lib/store/audit-schema";
import { encodeCopyBinary, type CopyType, type CopyValue } from "@/lib/store/copy-binary";
import { auditRowsInOrder } from "./audit-queries";
import { ChainVerifier, chainLink, entryHash, GENESIS_HASH, type ChainedFields, type ChainVerdict } from "./chain";

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

interface ChainHead {
  seq: bigint;
  hash: string;
}

/** Entries whose chain links were worked out ahead, on the head the chain had when this process last appended. */
export interface PreparedAudit {
  inputs: readonly AuditInput[];
  at: Date;
  head: ChainHead | undefined;
  chained: Chained | undefined;
}

interface Chained {
  rows: CopyValue[][];
  /** The head once the rows are appended. */
  next: ChainHead;
}

// The head each store's chain had after this process's last batch: the guess prepareAuditBatch hashes on.
const lastHeads = new WeakMap<object, ChainHead>();

/**
 * Hashes the entries before their transaction takes the chain's lock, on the head this process last appended. A
 * bulk job does this while PostgreSQL updates the batch's records, so the hashing costs no time of its own; when
 * someone else appended meanwhile, appendAuditBatch hashes them again on the real head. Nothing is trusted unchecked.
 */
export function prepareAuditBatch(store: object, inputs: readonly AuditInput[]): PreparedAudit {
  const at = new Date();
  const head = lastHeads.get(store);
  return { inputs, at, head, chained: head ? chainRows(head, at, inputs) : undefined };
}

/**
 * Appends many entries under one turn of the lock (a bulk job records a batch of messages this way), loaded with
 * binary COPY: no JSON to build on our side or to parse on the server's but the entries' target and details. The
 * chain is the same as if they had been appended one by one.
 */
export async function appendAuditBatch(
  store: Pick<Store, "copyIn">,
  tx: StoreTx,
  entries: readonly AuditInput[] | PreparedAudit,
): Promise<void> {
  const prepared = "inputs" in entries ? entries : undefined;
  const inputs = prepared?.inputs ?? (entries as readonly AuditInput[]);
  if (inputs.length === 0) return;
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_LOCK_ID})`);
  const [last] = await tx.select({ seq: auditLog.seq, hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
  const head = { seq: last?.seq ?? 0n, hash: last?.hash ?? GENESIS_HASH };
  const guessed = prepared?.chained !== undefined && prepared.head?.seq === head.seq && prepared.head.hash === head.hash;
  const { rows, next } = guessed ? prepared.chained! : chainRows(head, prepared?.at ?? new Date(), inputs);
  await store.copyIn(tx, `copy audit_log (${COPY_COLUMNS}) from stdin (format binary)`, encodeCopyBinary(COPY_TYPES, rows));
  // A guess for the next batch only: if this transaction rolls back, that batch hashes again.
  lastHeads.set(store, next);
}

function chainRows(head: ChainHead, at: Date, inputs: readonly AuditInput[]): Chained {
  let seq = head.seq;
  let prevHash = head.hash;
  const rows: CopyValue[][] = [];
  for (const input of inputs) {
    seq += 1n;
    const f = chainedFields(seq, at, input);
    const link = chainLink(prevHash, f);
    rows.push([
      f.seq,
      f.at,
      f.actor,
      f.role,
      f.action,
      f.cluster,
      f.topic,
      f.partition,
      f.offset,
      link.target,
      link.details,
      f.source,
      prevHash,
      link.hash,
    ]);
    prevHash = link.hash;
  }
  return { rows, next: { seq, hash: prevHash } };
}

const COPY_COLUMNS = `seq, at, actor, role, action, cluster, topic, "partition", "offset", target, details, source, prev_hash, hash`;
const COPY_TYPES: CopyType[] = [
  "int8",
  "timestamptz",
  "text",
  "text",
  "text",
  "text",
  "text",
  "int4",
  "int8",
  "jsonb",
  "jsonb",
  "text",
  "text",
  "text",
];

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
