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

export type ChainVerdict = { ok: true; entries: number; head: string } | { ok: false; firstBadSeq: string; entries: number };

/** Checks entries one at a time, in sequence order, so a log of any length is verified in constant memory. */
export class ChainVerifier {
  private previous = GENESIS_HASH;
  private count = 0;
  private firstBadSeq: string | undefined;

  add({ prevHash, hash, ...fields }: ChainedFields & { prevHash: string; hash: string }): void {
    this.count += 1;
    if (this.firstBadSeq === undefined && (prevHash !== this.previous || entryHash(prevHash, fields) !== hash)) {
      this.firstBadSeq = fields.seq.toString();
    }
    this.previous = hash;
  }

  verdict(): ChainVerdict {
    return this.firstBadSeq === undefined
      ? { ok: true, entries: this.count, head: this.previous }
      : { ok: false, firstBadSeq: this.firstBadSeq, entries: this.count };
  }
}
