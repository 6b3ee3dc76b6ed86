// The audit log's hash chain, as pure functions: hash = sha256(prev_hash ‖ canonical JSON of the entry).
import { hash as digest } from "node:crypto";
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
  return hashOf(prevHash, canonicalJson(entry));
}

// The entry's fields in sorted order: its canonical JSON is written without sorting them (a bulk job hashes an entry
// per message). The check below fails to compile when a field is added to ChainedFields but not here.
const ENTRY_FIELDS = [
  "action",
  "actor",
  "at",
  "cluster",
  "details",
  "offset",
  "partition",
  "role",
  "seq",
  "source",
  "target",
  "topic",
] as const;
const everyField: Exclude<keyof ChainedFields, (typeof ENTRY_FIELDS)[number]> extends never ? true : never = true;
void everyField;
const FIELD_PREFIXES = ENTRY_FIELDS.map((field) => `"${field}":`);

export interface ChainLink {
  hash: string;
  /** The canonical JSON of the entry's target and details, as its jsonb columns hold them. */
  target: string | null;
  details: string;
}

/** The entry's hash (the same as entryHash's), and the JSON of its two object fields on the way. */
export function chainLink(prevHash: string, entry: ChainedFields): ChainLink {
  const target = entry.target === null || entry.target === undefined ? null : canonicalJson(entry.target);
  const details = canonicalJson(entry.details);
  let json = "{";
  for (let i = 0; i < ENTRY_FIELDS.length; i++) {
    const field = ENTRY_FIELDS[i]!;
    const value = entry[field];
    if (value === undefined) continue;
    const text = field === "target" ? (target ?? "null") : field === "details" ? details : canonicalJson(value);
    json += `${json.length === 1 ? "" : ","}${FIELD_PREFIXES[i]}${text}`;
  }
  return { hash: hashOf(prevHash, `${json}}`), target, details };
}

// crypto.hash: a one-shot digest, without a Hash object per entry.
const hashOf = (prevHash: string, json: string) => digest("sha256", prevHash + json, "hex");

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
