// What the indexer stores for one DLQ record: pure, so the mapping is tested without a broker or a database.
// Every text column gets a display-safe copy (see display-text.ts); the bytes stay as they came. A record that
// cannot be parsed becomes an unparsed row with the reason, so it is listed instead of stopping its partition.
import { displaySafe, displaySafeOrNull } from "./display-text";
import { failureFingerprint } from "./fingerprint";
import { emptyFailure, parseFailureHeaders, type CustomHeaderMapping, type ParsedFailure } from "./parse-failure";
import type { RecordHeader } from "./record-header";
import { parseRedriveSource } from "./redrive-source";
import { searchText } from "./search-text";
import { detectValueEncoding } from "./value-encoding";

export interface DlqRecord {
  cluster: string;
  topic: string;
  partition: number;
  offset: bigint;
  /** Kafka's record timestamp, ms since the epoch. */
  timestampMs: bigint;
  key: Buffer | null;
  value: Buffer | null;
  headers: readonly RecordHeader[];
}

/** A header as stored: display-safe key, value as base64, and the key's own bytes (base64) when they differ. */
export interface StoredHeaderRow {
  key: string;
  value: string | null;
  rawKey?: string;
}

/** Unparsed rows' reasons are cut here: a reason quotes an error, and an error can quote a whole record. */
const MAX_REASON_CHARS = 1_000;

// JavaScript dates (and so the timestamps stored) reach ±8.64e15 ms; Kafka's timestamps are any int64.
const MAX_DATE_MS = 8_640_000_000_000_000n;

export function dlqRow(record: DlqRecord, customMappings: readonly CustomHeaderMapping[] = []): DlqRow {
  const { timestampMs } = record;
  if (timestampMs > MAX_DATE_MS || timestampMs < -MAX_DATE_MS) return unparsedRow(record, `its timestamp ${timestampMs} is out of range`);
  try {
    return parsedRow(record, customMappings);
  } catch (error) {
    // The parser is fuzzed never to throw; this keeps a bug in it from stopping a partition. Bytes that cannot be
    // read either are left out: the row still holds the coordinates and the reason.
    const reason = `parsing failed: ${error instanceof Error ? error.message : String(error)}`;
    try {
      return unparsedRow(record, reason);
    } catch {
      return unparsedRow(record, reason, false);
    }
  }
}

function parsedRow(record: DlqRecord, customMappings: readonly CustomHeaderMapping[]) {
  const failure = displaySafeFailure(parseFailureHeaders(record.headers, customMappings));
  const source = parseRedriveSource(record.headers);
  return {
    ...recordColumns(record),
    valueEncoding: detectValueEncoding(record.value),
    ...failureColumns(failure),
    fingerprint: failureFingerprint(failure),
    redriveSource: source ? displaySafe(`${source.topic}/${source.partition}/${source.offset}`) : null,
    searchText: searchText({
      key: record.key,
      value: record.value,
      exceptionClass: failure.exceptionClass,
      failureMessage: failure.message,
    }),
    unparsedReason: null as string | null,
  };
}

export type DlqRow = ReturnType<typeof parsedRow>;

function failureColumns(failure: ParsedFailure) {
  return {
    convention: failure.convention,
    exceptionClass: failure.exceptionClass,
    failureMessage: failure.message,
    stacktrace: failure.stacktrace,
    causeClass: failure.causeClass,
    originalTopic: failure.originalTopic,
    originalPartition: failure.originalPartition,
    originalOffset: failure.originalOffset === null ? null : BigInt(failure.originalOffset),
    originalTimestamp: failure.originalTimestamp === null ? null : new Date(failure.originalTimestamp),
    consumerGroup: failure.consumerGroup,
    attempts: failure.attempts,
  };
}

const storableMs = (ms: bigint) => (ms > MAX_DATE_MS || ms < -MAX_DATE_MS ? 0 : Number(ms));

type RecordColumns = ReturnType<typeof recordColumns>;

function recordColumns(record: DlqRecord) {
  return {
    cluster: record.cluster,
    topic: record.topic,
    partition: record.partition,
    offset: record.offset,
    // An out-of-range timestamp (only in an unparsed row, which names it) is stored as the epoch.
    timestamp: new Date(storableMs(record.timestampMs)),
    key: record.key,
    value: record.value,
    valueSize: record.value?.length ?? 0,
    headers: record.headers.map(storedHeader),
  };
}

function storedHeader({ key, value, rawKey }: RecordHeader): StoredHeaderRow {
  const safeKey = displaySafe(key);
  const stored: StoredHeaderRow = { key: safeKey, value: value === null ? null : value.toString("base64") };
  // A NUL or lone surrogate in the key changes the display copy: its bytes are kept so redelivery sends them back.
  const bytes = rawKey ?? (safeKey === key ? undefined : Buffer.from(key, "utf8"));
  if (bytes) stored.rawKey = bytes.toString("base64");
  return stored;
}

function displaySafeFailure(failure: ParsedFailure): ParsedFailure {
  return {
    ...failure,
    exceptionClass: displaySafeOrNull(failure.exceptionClass),
    message: displaySafeOrNull(failure.message),
    stacktrace: displaySafeOrNull(failure.stacktrace),
    causeClass: displaySafeOrNull(failure.causeClass),
    originalTopic: displaySafeOrNull(failure.originalTopic),
    consumerGroup: displaySafeOrNull(failure.consumerGroup),
  };
}

/**
 * A record stored without its failure: the coordinates, the reason and, when `keepBytes`, its key, value and
 * headers. All unparsed records of a DLQ form one failure group, whose message names why.
 */
export function unparsedRow(record: DlqRecord, reason: string, keepBytes = true): DlqRow {
  return asUnparsed(recordColumns(keepBytes ? record : { ...record, key: null, value: null, headers: [] }), reason, keepBytes);
}

/** The same for a row that was built but could not be stored whole (the store refused a column of it). */
export function asUnparsed(row: RecordColumns, reason: string, keepBytes = true): DlqRow {
  const safeReason = displaySafe(reason.length > MAX_REASON_CHARS ? `${reason.slice(0, MAX_REASON_CHARS)}…` : reason);
  const { cluster, topic, partition, offset, timestamp, key, value, valueSize, headers } = row;
  const columns = keepBytes
    ? { cluster, topic, partition, offset, timestamp, key, value, valueSize, headers }
    : { cluster, topic, partition, offset, timestamp, key: null, value: null, valueSize: 0, headers: [] };
  const message = `Record stored unparsed: ${safeReason}`;
  return {
    ...columns,
    valueEncoding: columns.value === null ? null : "binary",
    ...failureColumns({ ...emptyFailure(), convention: "unknown", message }),
    fingerprint: failureFingerprint({ exceptionClass: null, message: "Record stored unparsed", originalTopic: null }),
    redriveSource: null,
    searchText: searchText({ key: columns.key, value: columns.value, exceptionClass: null, failureMessage: message }),
    unparsedReason: safeReason,
  };
}
