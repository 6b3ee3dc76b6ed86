// Indexer throughput: how fast the DLQ indexer stores a topic's records (PostgreSQL and PGlite), next to what a
// bare kafkajs consumer reads from the same topic in the same run. Both are timed from their first batch to
// their last record, so the consumer group's join time counts for neither. Stored means committed to the store
// with its failure group counted and searchable; the trigram index catches up behind (its own figure, below).
// Each run's CPU per record (this process, PostgreSQL, broker) is printed too, with the rate the cores bound it to.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { logLevel, type Message } from "kafkajs";
import { springDltRecord } from "@/e2e/support/dlq-records";
import { KafkaSeed, uniqueName } from "@/e2e/support/kafka-seed";
import type { ClusterConfig } from "@/lib/config/clusters";
import { dlqRow, type DlqRow } from "@/lib/dlq/dlq-row";
import { clusterDlqIndexer } from "@/lib/indexing/cluster-indexer";
import { storeDlqRows } from "@/lib/store/dlq-messages";
import { pendingSearchCount } from "@/lib/store/dlq-search";
import { openStore, type StoreOptions } from "@/lib/store/open-store";
import { printCpuPerMessage, startCpuMeter, type CpuShares } from "./cpu";
import { bareConsumerRate, brokers, scratchDatabase } from "./support";

const RECORDS = Number(process.env.BENCH_INDEXER_RECORDS ?? 100_000);
const PARTITIONS = 3;
const RATIO_TARGET = 0.5;

/** The i-th benchmark record: a Spring DLT record with its headers as bytes. */
function benchRecord(i: number) {
  const record = springDltRecord({
    originalTopic: ["orders", "payments", "shipments"][i % 3]!,
    exceptionClass: `com.shop.Failure${i % 20}Exception`,
    message: `Order ${i} could not be processed: upstream answered 5${i % 10}3`,
    originalOffset: BigInt(i),
    key: `order-${i}`,
    value: JSON.stringify({
      orderId: i,
      customer: `cust-${i % 9973}`,
      lines: [randomBytes(16).toString("hex"), randomBytes(16).toString("hex")],
      note: randomBytes(96).toString("base64"),
    }),
    partition: i % PARTITIONS,
  });
  const headers = (record.headers ?? []).map(([key, value]) => ({ key, value: value === null ? null : Buffer.from(value) }));
  return { partition: i % PARTITIONS, key: Buffer.from(String(record.key)), value: Buffer.from(String(record.value)), headers };
}

async function produce(seed: KafkaSeed, topic: string): Promise<void> {
  const producer = seed.kafka.producer({ idempotent: true });
  await producer.connect();
  try {
    for (let from = 0; from < RECORDS; from += 1_000) {
      const messages = Array.from({ length: Math.min(1_000, RECORDS - from) }, (_, j) => {
        const { partition, key, value, headers } = benchRecord(from + j);
        return { partition, key, value, headerList: headers } as unknown as Message;
      });
      await producer.send({ topic, messages, acks: -1 });
    }
  } finally {
    await producer.disconnect();
  }
}

const FLOOR_CHUNK = 1_000;

/**
 * The store step alone: the same records, parsed beforehand (no Kafka, no parsing timed), stored by one writer per
 * partition in chunks as the indexer stores them. What the indexer could reach if reading and parsing cost nothing.
 */
async function storeFloor(options: StoreOptions): Promise<number> {
  const perPartition = Array.from({ length: PARTITIONS }, () => [] as DlqRow[]);
  for (let i = 0; i < RECORDS; i++) {
    const { partition, key, value, headers } = benchRecord(i);
    const offset = BigInt(perPartition[partition]!.length);
    perPartition[partition]!.push(
      dlqRow({ cluster: "floor", topic: "floor.DLT", partition, offset, timestampMs: BigInt(Date.now()), key, value, headers }),
    );
  }
  const store = await openStore(options);
  try {
    const started = performance.now();
    await Promise.all(
      perPartition.map(async (rows) => {
        for (let from = 0; from < rows.length; from += FLOOR_CHUNK) await storeDlqRows(store, rows.slice(from, from + FLOOR_CHUNK));
      }),
    );
    return (RECORDS / (performance.now() - started)) * 1000;
  } finally {
    await store.close();
  }
}

const SEARCH_CATCH_UP_LIMIT_MS = 180_000;

/**
 * Records per second the indexer stores, from its first stored row to the last; then how long the search
 * indexer (running all along, yielding to the indexer) takes to move the rest of the search text into the index.
 */
async function indexer(topic: string, options: StoreOptions): Promise<{ rate: number; cpu: CpuShares; searchCatchUp: string }> {
  const store = await openStore(options);
  const cluster: ClusterConfig = {
    id: "bench",
    name: "bench",
    brokers,
    clientId: "redrive-bench-indexer",
    connectionTimeoutMs: 3_000,
    dlqPattern: new RegExp(`^${topic.replace(/\./g, "\\.")}$`),
  };
  const running = clusterDlqIndexer({ cluster, store, groupId: uniqueName("bench-indexer"), discoveryIntervalMs: 60_000 });
  const stored = async () => {
    const result = await store.db.execute(sql`select coalesce(sum(count), 0)::bigint as n from dlq_failure_group where cluster = 'bench'`);
    return Number((result as unknown as { rows: { n: string | number }[] }).rows[0]!.n);
  };
  try {
    const meter = startCpuMeter();
    await running.start();
    let first = 0;
    for (;;) {
      const n = await stored();
      if (n > 0) first ||= performance.now();
      if (n >= RECORDS) {
        const done = performance.now();
        const cpu = meter.stop();
        const rate = (RECORDS / (done - first)) * 1000;
        for (;;) {
          const pending = await pendingSearchCount(store);
          const waited = performance.now() - done;
          if (pending === 0) return { rate, cpu, searchCatchUp: `search index caught up ${(waited / 1000).toFixed(1)} s later` };
          if (waited > SEARCH_CATCH_UP_LIMIT_MS)
            return {
              rate,
              cpu,
              searchCatchUp: `${pending} records not yet in the search index ${(waited / 1000).toFixed(0)} s later (search still finds them)`,
            };
          await new Promise((r) => setTimeout(r, 250));
        }
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    await running.stop();
    await store.close();
  }
}

export async function benchIndexer(): Promise<void> {
  const seed = new KafkaSeed(brokers);
  (seed.kafka as unknown as { logger(): { setLogLevel(l: logLevel): void } }).logger().setLogLevel(logLevel.NOTHING);
  const topic = await seed.createTopic(`${uniqueName("bench-idx")}.DLT`, PARTITIONS);
  const dataDir = mkdtempSync(join(tmpdir(), "redrive-bench-idx-"));
  const database = await scratchDatabase("redrive_bench");
  try {
    await produce(seed, topic);
    console.log(
      `\nIndexer throughput, ${RECORDS.toLocaleString("en")} Spring DLT records (~500 B values, 9 headers) in ${PARTITIONS} partitions:`,
    );
    const bareMeter = startCpuMeter();
    const bare = await bareConsumerRate(seed, topic, RECORDS);
    const bareCpu = bareMeter.stop();
    console.log(`  bare kafkajs consumer           ${bare.toFixed(0).padStart(7)} records/s`);
    for (const [name, options] of [
      ["PostgreSQL", { databaseUrl: database.url, dataDir }],
      ["PGlite", { dataDir }],
    ] as const) {
      const { rate, cpu, searchCatchUp } = await indexer(topic, options);
      const ratio = rate / bare;
      console.log(
        `  indexer on ${name.padEnd(20)} ${rate.toFixed(0).padStart(7)} records/s   ${(ratio * 100).toFixed(0)}% of the bare consumer; ${searchCatchUp}`,
      );
      const floor = await storeFloor(options);
      console.log(
        `  store step alone on ${name.padEnd(11)} ${floor.toFixed(0).padStart(7)} records/s   ${((floor / bare) * 100).toFixed(0)}% (rows parsed beforehand, no Kafka, ${PARTITIONS} writers)`,
      );
      printCpuPerMessage(
        [
          { label: "bare consumer", shares: bareCpu, messages: RECORDS },
          { label: "the indexer", shares: cpu, messages: RECORDS },
        ],
        { run: "the indexer", against: "bare consumer", rate: bare, target: RATIO_TARGET },
      );
      if (ratio < RATIO_TARGET) {
        console.log(`  MISSES the ${RATIO_TARGET * 100}% target on ${name}`);
        process.exitCode = 1;
      } else console.log(`  meets  the ${RATIO_TARGET * 100}% target on ${name}`);
    }
  } finally {
    await database.drop();
    await seed.cleanup();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
