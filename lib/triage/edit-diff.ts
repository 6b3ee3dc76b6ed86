// What an edit-and-redeliver's audit entry says about the edit: the digests before and after, and a diff of key and
// value within a budget (lib/contract/bounded-diff.ts). Past the budget the entry keeps the digests and says why there
// is no diff, so one edit of a huge value neither stalls the request nor bloats the log.
import { createHash } from "node:crypto";
import { boundedPatch } from "@/lib/contract/bounded-diff";
import type { RecordHeader } from "@/lib/dlq/record-header";
import type { RedeliveryEdit } from "@/lib/dlq/redelivery";

const MAX_DIFF_CHARS = 64 * 1024;
const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

const digest = (bytes: Buffer | null) => (bytes === null ? null : createHash("sha256").update(bytes).digest("hex"));

/** The bytes as text for a diff; null when they are not UTF-8 or hold a NUL (jsonb, where the audit log keeps the
 * diff, cannot hold one: the entry would be refused after the record was sent). */
function asText(bytes: Buffer | null): string | null {
  if (bytes === null) return "";
  if (bytes.includes(0)) return null;
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return null;
  }
}

interface Omitted {
  reason: "too large";
  beforeBytes: number;
  afterBytes: number;
}

type TextDiff = { diff: string | null; omitted?: Omitted };

/** A unified diff of two texts (null when either is binary or holds a NUL), cut at 64 KB so one edit cannot bloat the log. */
function textDiff(name: string, before: Buffer | null, after: Buffer | null): TextDiff {
  const [a, b] = [asText(before), asText(after)];
  if (a === null || b === null || a === b) return { diff: null };
  const patch = boundedPatch(name, a, b);
  if (patch === null) {
    return { diff: null, omitted: { reason: "too large", beforeBytes: before?.length ?? 0, afterBytes: after?.length ?? 0 } };
  }
  return { diff: patch.length > MAX_DIFF_CHARS ? `${patch.slice(0, MAX_DIFF_CHARS)}\n… diff cut at 64 KB` : patch };
}

export function editDigests(
  before: { key: Buffer | null; value: Buffer | null; headers: readonly unknown[] },
  after: { key: Buffer | null; value: Buffer | null; headers: readonly RecordHeader[] },
  edit: RedeliveryEdit,
) {
  const none: TextDiff = { diff: null };
  const key = "key" in edit ? textDiff("key", before.key, after.key) : none;
  const value = "value" in edit ? textDiff("value", before.value, after.value) : none;
  const omitted = { ...(key.omitted ? { key: key.omitted } : {}), ...(value.omitted ? { value: value.omitted } : {}) };
  return {
    before: { keySha256: digest(before.key), valueSha256: digest(before.value), headers: before.headers.length },
    after: { keySha256: digest(after.key), valueSha256: digest(after.value), headers: after.headers.length },
    changed: Object.keys(edit),
    diff: { key: key.diff, value: value.diff },
    ...(Object.keys(omitted).length > 0 ? { diffOmitted: omitted } : {}),
  };
}
