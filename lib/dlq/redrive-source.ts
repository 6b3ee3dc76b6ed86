// Reads the headers Redrive adds on redelivery, to link a record that failed again to its earlier self.
import { readCount, readOffset, readPartition } from "./header-number";
import { headerText, lastHeader, type RecordHeader } from "./record-header";

export const REDRIVE_SOURCE_HEADER = "x-redrive-source";
export const REDRIVE_COUNT_HEADER = "x-redrive-count";

export interface RedriveSource {
  topic: string;
  partition: number;
  /** int64 as a decimal string. */
  offset: string;
}

// Topic names are limited to [a-zA-Z0-9._-], so "/" can separate the parts unambiguously.
const SOURCE = /^([a-zA-Z0-9._-]{1,249})\/(\d{1,10})\/(\d{1,19})$/;

/** The DLQ record this one was redelivered from: `topic/partition/offset` in the last `x-redrive-source`. */
export function parseRedriveSource(headers: readonly RecordHeader[]): RedriveSource | null {
  const text = headerText(lastHeader(headers, REDRIVE_SOURCE_HEADER)?.value ?? null);
  const match = text === null ? null : SOURCE.exec(text);
  if (!match) return null;
  const [, topic = "", partitionDigits = "", offsetDigits = ""] = match;
  // Read back as decimal header bytes so the int32/int64 range checks live in one place.
  const partition = readPartition(Buffer.from(partitionDigits), "decimal");
  const offset = readOffset(Buffer.from(offsetDigits), "decimal");
  return partition === null || offset === null ? null : { topic, partition, offset };
}

/** How many times this record has been redelivered; 0 when the header is absent or not a count. */
export function redriveCount(headers: readonly RecordHeader[]): number {
  return readCount(lastHeader(headers, REDRIVE_COUNT_HEADER)?.value ?? null, "decimal") ?? 0;
}
