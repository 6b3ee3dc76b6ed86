// What the indexer stores for one DLQ record: pure, so the mapping is tested without a broker or a database.
import { failureFingerprint } from "./fingerprint";
import { parseFailureHeaders, type CustomHeaderMapping } from "./parse-failure";
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

export function dlqRow(record: DlqRecord, customMappings: readonly CustomHeaderMapping[] = []) {
  const failure = parseFailureHeaders(record.headers, customMappings);
  const source = parseRedriveSource(record.headers);
  return {
    cluster: record.cluster,
    topic: record.topic,
    partition: record.partition,
    offset: record.offset,
    timestamp: new Date(Number(record.timestampMs)),
    key: record.key,
    value: record.value,
    valueSize: record.value?.length ?? 0,
    valueEncoding: detectValueEncoding(record.value),
    headers: record.headers.map(({ key, value }) => ({ key, value: value === null ? null : value.toString("base64") })),
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
    fingerprint: failureFingerprint(failure),
    redriveSource: source ? `${source.topic}/${source.partition}/${source.offset}` : null,
    searchText: searchText({ key: record.key, value: record.value, exceptionClass: failure.exceptionClass, failureMessage: failure.message }),
  };
}

export type DlqRow = ReturnType<typeof dlqRow>;
