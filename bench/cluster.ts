// The cluster API at scale: 500 topics × 3 partitions and 100 consumer groups on the local broker, timed
// against `next start`; everything created is deleted afterwards.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Partitioners } from "kafkajs";
import { KafkaSeed } from "@/e2e/support/kafka-seed";
import { BenchServer, brokers, verdict } from "./support";

const TOPICS = Number(process.env.BENCH_TOPICS ?? 500);
const PARTITIONS = 3;
const GROUPS = Number(process.env.BENCH_GROUPS ?? 100);
const TOPICS_PER_GROUP = 15;
const GROUPS_TARGET_MS = 1_500;
const prefix = `bench-${Date.now().toString(36)}`;

const seeder = new KafkaSeed(brokers);
const kafka = seeder.kafka;
const admin = kafka.admin();

async function inBatches<T>(items: T[], size: number, task: (item: T) => Promise<unknown>) {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(task));
}

async function seed(topics: string[], groups: string[]) {
  const started = performance.now();
  for (let i = 0; i < topics.length; i += 100) {
    await admin.createTopics({
      topics: topics.slice(i, i + 100).map((topic) => ({ topic, numPartitions: PARTITIONS })),
      waitForLeaders: false,
    });
  }
  // kafkajs's own waitForLeaders races the broker on large batches; poll until every partition has a leader.
  for (let attempt = 0; ; attempt++) {
    try {
      const { topics: metadata } = await admin.fetchTopicMetadata({ topics });
      if (metadata.every((t) => t.partitions.length === PARTITIONS && t.partitions.every((p) => p.leader >= 0))) break;
    } catch (error) {
      if (attempt > 60) throw error;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  await producer.sendBatch({
    acks: -1,
    topicMessages: topics.map((topic) => ({
      topic,
      messages: Array.from({ length: PARTITIONS * 10 }, (_, i) => ({ partition: i % PARTITIONS, value: `m${i}` })),
    })),
  });
  await producer.disconnect();
  const offsets = Object.fromEntries(Array.from({ length: PARTITIONS }, (_, partition) => [partition, partition * 3]));
  await inBatches([...groups.entries()], 20, ([g, groupId]) => {
    const commits = Array.from({ length: TOPICS_PER_GROUP }, (_, t) => ({ topic: topics[(g * 7 + t) % topics.length]!, offsets }));
    return seeder.commitGroupOffsets(groupId, commits);
  });
  return performance.now() - started;
}

export async function benchCluster(): Promise<void> {
  const topics = Array.from({ length: TOPICS }, (_, i) => `${prefix}-t${String(i).padStart(3, "0")}`);
  const groups = Array.from({ length: GROUPS }, (_, i) => `${prefix}-g${String(i).padStart(3, "0")}`);
  const dataDir = mkdtempSync(join(tmpdir(), "redrive-bench-"));
  await admin.connect();
  let server: BenchServer | undefined;
  try {
    const seedMs = await seed(topics, groups);
    console.log(
      `\nCluster API: seeded ${TOPICS} topics × ${PARTITIONS} partitions and ${GROUPS} groups (${TOPICS_PER_GROUP} topics each) in ${(seedMs / 1000).toFixed(1)} s`,
    );
    server = await BenchServer.start({ REDRIVE_DATA_DIR: dataDir, REDRIVE_INDEXER: "false" });
    console.log("  against next start, 20 sequential requests each after 2 warm-ups:");
    const groupsMedian = await server.measure("GET /groups", "/api/clusters/default/groups");
    await server.measure("GET /topics", "/api/clusters/default/topics");
    await server.measure("GET /topics/{topic}", `/api/clusters/default/topics/${topics[0]}`);
    await server.measure("GET /groups/{group}", `/api/clusters/default/groups/${groups[0]}`);
    verdict("GET /groups median", groupsMedian, GROUPS_TARGET_MS);
  } finally {
    await server?.stop();
    await admin.deleteGroups(groups).catch(() => undefined);
    await admin.deleteTopics({ topics, timeout: 60_000 }).catch(() => undefined);
    await admin.disconnect();
    await seeder.cleanup();
    rmSync(dataDir, { recursive: true, force: true });
    console.log("  cleaned up the bench topics and groups.");
  }
}
