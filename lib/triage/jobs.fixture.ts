// Shared by the bulk-job integration tests: a DLQ seeded straight into the store, a topic read back from the real
// broker with its headers, and waiting for a job to reach a state.
import { springDltRecord } from "@/e2e/support/dlq-records";
import type { KafkaSeed } from "@/e2e/support/kafka-seed";
import { readTopic as readRecords, type ReadRecord } from "@/e2e/support/topic-reader";
import type { ClusterConfig } from "@/lib/config/clusters";
import { dlqRow } from "@/lib/dlq/dlq-row";
import { storeDlqRows } from "@/lib/store/dlq-messages";
import { getJob, type JobRow } from "@/lib/store/job-queries";
import type { Store } from "@/lib/store/open-store";

export const testCluster: ClusterConfig = {
  id: "default",
  name: "test",
  brokers: (process.env.KAFKA_BROKERS ?? "127.0.0.1:9092").split(","),
  clientId: "redrive-jobs-test",
  connectionTimeoutMs: 3_000,
  dlqPattern: /\.DLT$/,
};

export interface SeedGroup {
  originalTopic: string | null;
  exceptionClass: string;
  count: number;
  /** Bytes of value per record (JSON padding); default small. */
  valueBytes?: number;
}

/** Stores the groups' records as the indexer would, offsets counting up from `firstOffset` on partition 0. */
export async function seedDlq(store: Store, dlq: string, groups: readonly SeedGroup[], firstOffset = 0): Promise<void> {
  let offset = firstOffset;
  const rows = groups.flatMap((group) =>
    Array.from({ length: group.count }, (_, n) => {
      const record = springDltRecord({
        originalTopic: group.originalTopic ?? "",
        exceptionClass: group.exceptionClass,
        message: `Order ${offset} could not be processed`,
        key: `order-${offset}`,
        value: JSON.stringify({ orderId: offset, n, pad: "x".repeat(group.valueBytes ?? 16) }),
      });
      // A record without an original topic: Spring's header left out altogether.
      const headers = (record.headers ?? []).filter(([key]) => group.originalTopic !== null || key !== "kafka_dlt-original-topic");
      return dlqRow({
        cluster: "default",
        topic: dlq,
        partition: 0,
        offset: BigInt(offset++),
        timestampMs: BigInt(1_700_000_000_000 + offset),
        key: Buffer.from(String(record.key)),
        value: Buffer.from(String(record.value)),
        headers: headers.map(([key, value]) => ({ key, value: value === null ? null : Buffer.from(value) })),
      });
    }),
  );
  await storeDlqRows(store, rows);
}

export type { ReadRecord };

export const header = (record: ReadRecord, key: string) => record.headers.findLast((h) => h.key === key)?.value?.toString() ?? null;

/** Every record of a topic from the start, once `expected` have arrived and no more come (so one too many shows). */
export const readTopic = (seed: KafkaSeed, topic: string, expected: number, timeoutMs = 60_000): Promise<ReadRecord[]> =>
  readRecords(seed.kafka, topic, expected, { timeoutMs });

export async function waitForJob(store: Store, id: string, until: (job: JobRow) => boolean, timeoutMs = 60_000): Promise<JobRow> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await getJob(store.db, id);
    if (job && until(job)) return job;
    if (Date.now() > deadline) throw new Error(`job ${id} did not get there in time; it is ${JSON.stringify(job)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
