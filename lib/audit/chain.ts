// The audit log's hash chain, as pure functions: hash = sha256(prev_hash ‖ canonical JSON of the entry).
import { createHash } from "node:crypto";
import { canonicalJson } from "./canonical-json";

export const GENESIS_HASH = "0".repeat(64);

export interface ChainedFields {
  seq: bigint;
  at: Date;
  actor: string;
  role: string | null;
  action: string;
  cluster: string | null;
  topic: string | null;
  partition: number | null;
  offset: bigint | null;
  target: unknown;
  details: unknown;
  source: string | null;
}

export function entryHash(prevHash: string, entry: ChainedFields): string {
  return createHash("sha256").update(prevHash).update(canonicalJson(entry)).digest("hex");
}

/** Walks entries in sequence order; names the first whose link or hash does not hold. */
export function verifyChain(
  entries: Iterable<ChainedFields & { prevHash: string; hash: string }>,
): { ok: true; entries: number; head: string } | { ok: false; firstBadSeq: string; entries: number } {
  let previous = GENESIS_HASH;
  let count = 0;
  let firstBadSeq: string | undefined;
  for (const { prevHash, hash, ...fields } of entries) {
    count += 1;
    if (firstBadSeq === undefined && (prevHash !== previous || entryHash(prevHash, fields) !== hash)) {
      firstBadSeq = fields.seq.toString();
    }
    previous = hash;
  }
  return firstBadSeq === undefined ? { ok: true, entries: count, head: previous } : { ok: false, firstBadSeq, entries: count };
}
