// `npm run bench`: builds the production app, creates a cluster shape of 500 topics × 3 partitions and 100
// consumer groups on the local broker, times the cluster API against `next start`, prints the figures and
// cleans up everything it created.
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Partitioners } from "kafkajs";
import { KafkaSeed } from "@/e2e/support/kafka-seed";
import { signInCookie } from "@/scripts/sign-in";

const TOPICS = Number(process.env.BENCH_TOPICS ?? 500);
const PARTITIONS = 3;
const GROUPS = Number(process.env.BENCH_GROUPS ?? 100);
const TOPICS_PER_GROUP = 15;
const RUNS = 20;
const PORT = 3200;
const GROUPS_TARGET_MS = 1_500;
const brokers = (process.env.KAFKA_BROKERS ?? "127.0.0.1:9092").split(",");
const base = `http://127.0.0.1:${PORT}`;
const prefix = `bench-${Date.now().toString(36)}`;
const BENCH_PASSWORD = "bench-admin-password";

const seeder = new KafkaSeed(brokers);
const kafka = seeder.kafka;
const admin = kafka.admin();

async function inBatches<T>(items: T[], size: number, task: (item: T) => Promise<unknown>) {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(task));
}

async function seed(topics: string[], groups: string[]) {
  const started = performance.now();
  for (let i = 0; i < topics.length; i += 100) {
    await admin.createTopics({ topics: topics.slice(i, i + 100).map((topic) => ({ topic, numPartitions: PARTITIONS })), waitForLeaders: false });
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

let sessionCookie = "";

async function time(path: string): Promise<{ ms: number; bytes: number }> {
  const started = performance.now();
  const response = await fetch(base + path, { headers: { cookie: sessionCookie } });
  const body = await response.text();
  if (!response.ok) throw new Error(`${path} answered ${response.status}: ${body.slice(0, 200)}`);
  return { ms: performance.now() - started, bytes: body.length };
}

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { median: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1]! };
}

async function measure(label: string, path: string) {
  await time(path);
  await time(path);
  const samples: number[] = [];
  let bytes = 0;
  for (let i = 0; i < RUNS; i++) {
    const result = await time(path);
    samples.push(result.ms);
    bytes = result.bytes;
  }
  const { median, p95, max } = stats(samples);
  console.log(`${label.padEnd(34)} median ${median.toFixed(0).padStart(5)} ms   p95 ${p95.toFixed(0).padStart(5)} ms   max ${max.toFixed(0).padStart(5)} ms   ${(bytes / 1024).toFixed(0)} KiB`);
  return median;
}

async function waitForServer() {
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("the console did not start within 60 s");
}

async function main() {
  execFileSync("bash", ["scripts/kafka/start.sh"], { stdio: "inherit" });
  console.log("Building the production app…");
  execFileSync("npx", ["next", "build"], { stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });

  const topics = Array.from({ length: TOPICS }, (_, i) => `${prefix}-t${String(i).padStart(3, "0")}`);
  const groups = Array.from({ length: GROUPS }, (_, i) => `${prefix}-g${String(i).padStart(3, "0")}`);
  const dataDir = mkdtempSync(join(tmpdir(), "redrive-bench-"));
  await admin.connect();
  const server = spawn("npx", ["next", "start", "-p", String(PORT), "-H", "127.0.0.1"], {
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", KAFKA_BROKERS: brokers.join(","), REDRIVE_DATA_DIR: dataDir, LOG_LEVEL: "warn", REDRIVE_ADMIN_PASSWORD: BENCH_PASSWORD },
    stdio: "ignore",
    detached: true,
  });
  try {
    const seedMs = await seed(topics, groups);
    console.log(`Seeded ${TOPICS} topics × ${PARTITIONS} partitions and ${GROUPS} groups (${TOPICS_PER_GROUP} topics each) in ${(seedMs / 1000).toFixed(1)} s`);
    await waitForServer();
    sessionCookie = await signInCookie(base, "admin", BENCH_PASSWORD);
    console.log(`\nCluster API against next start, ${RUNS} sequential requests each after 2 warm-ups:`);
    const groupsMedian = await measure("GET /groups", "/api/clusters/default/groups");
    await measure("GET /topics", "/api/clusters/default/topics");
    await measure("GET /topics/{topic}", `/api/clusters/default/topics/${topics[0]}`);
    await measure("GET /groups/{group}", `/api/clusters/default/groups/${groups[0]}`);
    const verdict = groupsMedian < GROUPS_TARGET_MS ? "meets" : "MISSES";
    console.log(`\nGET /groups median ${groupsMedian.toFixed(0)} ms ${verdict} the ${GROUPS_TARGET_MS} ms target.`);
    if (groupsMedian >= GROUPS_TARGET_MS) process.exitCode = 1;
  } finally {
    if (server.pid) process.kill(-server.pid, "SIGTERM");
    await admin.deleteGroups(groups).catch(() => undefined);
    await admin.deleteTopics({ topics, timeout: 60_000 }).catch(() => undefined);
    await admin.disconnect();
    await seeder.cleanup();
    rmSync(dataDir, { recursive: true, force: true });
    console.log("Cleaned up the bench topics and groups.");
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
