// Store rows → the API's wire shapes for DLQ messages (pure). Bytes always travel as base64, with text only
// when they are valid UTF-8; int64s as decimal strings.
import type { DlqListMessage, DlqMessageDetails, MessageStatus, RecordRef, WireBytes, WireValue } from "@/lib/contract/schemas";
import type { FailureConvention } from "@/lib/dlq/failure-conventions";
import { bytesView, type RecordHeader } from "@/lib/dlq/record-header";
import { headerKind, keptOnRedelivery, type FailureHeaderRule } from "@/lib/dlq/redelivery";
import { detectValueEncoding } from "@/lib/dlq/value-encoding";
import type { auditLog } from "./audit-schema";
import { auditEntryToWire } from "./audit-wire";
import type { MessageListRow, MessageRow } from "./dlq-message-queries";
import type { StoredHeader } from "./dlq-schema";

/** How much of a value the message API inlines; the download route gives every byte. */
export const INLINE_VALUE_BYTES = 1024 * 1024;

const toBuffer = (bytes: Uint8Array | null): Buffer | null => (bytes === null ? null : Buffer.from(bytes));

/**
 * The first bytes of a longer value: a UTF-8 sequence cut at the end is dropped so that a text value still
 * reads as text (a continuation byte is 10xxxxxx; a lead byte says how long its sequence is).
 */
export function previewBytes(prefix: Buffer, size: number): WireBytes {
  if (prefix.length >= size) return bytesView(prefix)!;
  let end = prefix.length;
  let back = 0;
  while (back < 3 && end - back - 1 >= 0 && (prefix[end - back - 1]! & 0xc0) === 0x80) back++;
  const lead = prefix[end - back - 1];
  if (lead !== undefined && lead >= 0xc0) {
    const length = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
    if (back + 1 < length) end -= back + 1;
  }
  const view = bytesView(prefix.subarray(0, end))!;
  return { base64: prefix.toString("base64"), text: view.text };
}

function wireValue(bytes: Buffer | null, size: number, encoding: string | null): WireValue | null {
  if (bytes === null) return null;
  const truncated = bytes.length < size;
  const view = truncated ? previewBytes(bytes, size) : bytesView(bytes)!;
  // Rows indexed before value_encoding existed are classified now, from their whole value.
  const detected = (encoding ?? (truncated ? null : detectValueEncoding(bytes))) as WireValue["encoding"] | null;
  return { ...view, encoding: detected ?? (view.text === null ? "binary" : "text"), size, truncated };
}

export function parseRecordRef(ref: string | null): RecordRef | null {
  const match = ref === null ? null : /^(.+)\/(\d+)\/(\d+)$/.exec(ref);
  return match ? { topic: match[1]!, partition: Number(match[2]), offset: match[3]! } : null;
}

type FailureColumns = Pick<
  MessageListRow,
  | "convention"
  | "exceptionClass"
  | "failureMessage"
  | "causeClass"
  | "originalTopic"
  | "originalPartition"
  | "originalOffset"
  | "originalTimestamp"
  | "consumerGroup"
  | "attempts"
  | "fingerprint"
  | "unparsedReason"
>;

function failure(row: FailureColumns) {
  return {
    convention: row.convention as DlqListMessage["failure"]["convention"],
    exceptionClass: row.exceptionClass,
    message: row.failureMessage,
    causeClass: row.causeClass,
    originalTopic: row.originalTopic,
    originalPartition: row.originalPartition,
    originalOffset: row.originalOffset === null ? null : row.originalOffset.toString(),
    originalTimestamp: row.originalTimestamp?.toISOString() ?? null,
    consumerGroup: row.consumerGroup,
    attempts: row.attempts,
    fingerprint: row.fingerprint,
    unparsedReason: row.unparsedReason,
  };
}

export function listMessageToWire(row: MessageListRow): DlqListMessage {
  const key = toBuffer(row.keyPreview);
  return {
    topic: row.topic,
    partition: row.partition,
    offset: row.offset.toString(),
    timestamp: row.timestamp.toISOString(),
    key: key === null ? null : previewBytes(key, Number(row.keySize ?? key.length)),
    value: wireValue(toBuffer(row.valuePreview), row.valueSize, row.valueEncoding),
    failure: failure(row),
    status: row.status as MessageStatus,
    delivery: row.delivery,
    redriveSource: parseRecordRef(row.redriveSource),
  };
}

/** Stored headers as record headers; a key stored with its own bytes (not UTF-8, or holding NUL) gets them back. */
export function storedHeaders(headers: readonly StoredHeader[]): RecordHeader[] {
  return headers.map(({ key, value, rawKey }) => {
    const header: RecordHeader = { key, value: value === null ? null : Buffer.from(value, "base64") };
    if (rawKey !== undefined) header.rawKey = Buffer.from(rawKey, "base64");
    return header;
  });
}

/** `rule` is the one redeliveries are sent by, so that what a page previews is what would be sent. */
export function messageToWire(
  row: MessageRow,
  history: readonly (typeof auditLog.$inferSelect)[],
  rule: FailureHeaderRule,
): DlqMessageDetails {
  const convention = row.convention as FailureConvention;
  return {
    topic: row.topic,
    partition: row.partition,
    offset: row.offset.toString(),
    timestamp: row.timestamp.toISOString(),
    key: bytesView(row.key),
    value: wireValue(row.value, row.valueSize, row.valueEncoding),
    headers: storedHeaders(row.headers).map(({ key, value, rawKey }) => ({
      key,
      ...(rawKey ? { keyBase64: rawKey.toString("base64") } : {}),
      value: bytesView(value),
      kind: headerKind(key, convention, rule.customMappings),
      keptOnRedelivery: keptOnRedelivery(key, convention, rule),
    })),
    failure: { ...failure(row), stacktrace: row.stacktrace },
    status: row.status as MessageStatus,
    delivery: row.delivery,
    redriveSource: parseRecordRef(row.redriveSource),
    indexedAt: row.indexedAt.toISOString(),
    history: history.map(auditEntryToWire),
  };
}
