// Indexed DLQ records for store-level tests: Spring DLT records turned into rows exactly as the indexer would store them.
import { springDltRecord } from "@/e2e/support/dlq-records";
import { dlqRow } from "@/lib/dlq/dlq-row";
import { storeDlqRows } from "@/lib/store/dlq-messages";
import type { RecordHeader } from "@/lib/dlq/record-header";
import type { Store } from "@/lib/store/open-store";

/** A fixture's [key, value] header pairs as the record headers Kafka hands the indexer. */
export const recordHeaders = (pairs: readonly (readonly [string, Buffer | string | null])[] = []): RecordHeader[] =>
  pairs.map(([key, value]) => ({ key, value: value === null ? null : Buffer.from(value) }));

export async function seedDlqRows(
  store: Store,
  {
    topic,
    exceptionClass,
    count,
    timestampMs,
    firstOffset = 0,
    cluster = "default",
  }: { topic: string; exceptionClass: string; count: number; timestampMs: number; firstOffset?: number; cluster?: string },
): Promise<void> {
  const rows = Array.from({ length: count }, (_, i) => {
    const record = springDltRecord({
      originalTopic: topic.replace(/\.DLT$/, ""),
      exceptionClass,
      message: `failure ${i}`,
      key: `k-${i}`,
      value: `{"n":${i}}`,
    });
    return dlqRow({
      cluster,
      topic,
      partition: 0,
      offset: BigInt(firstOffset + i),
      timestampMs: BigInt(timestampMs),
      key: Buffer.from(`k-${i}`),
      value: Buffer.from(`{"n":${i}}`),
      headers: recordHeaders(record.headers),
    });
  });
  await storeDlqRows(store, rows);
}
