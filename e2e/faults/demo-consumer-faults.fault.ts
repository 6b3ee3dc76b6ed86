// Scenario 7: the demo seed system on the three-node cluster. Offers pushed through the producer service are
// consumed by the DLQ-aware consumer while it is killed (7a), while the leaders of its input and DLT partitions are
// killed (7b), and while a second instance joins and one of the two is killed (7c). Afterwards every pushed offer,
// counted by its x-message-id, is in the consumer's processed store once or in the DLT once: never both, never twice.
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { DemoProcess } from "../support/demo-processes";
import { KafkaCluster, type NodeId } from "../support/kafka-cluster";
import { KafkaSeed, uniqueName } from "../support/kafka-seed";
import { countRecords, headerText } from "./support/exactly-once";
import { recordResult } from "./support/results";

const cluster = new KafkaCluster();
const seed = new KafkaSeed(cluster.brokers);
const PARTITIONS = 3;
/** Offers per push; every push is one kind of offer. */
const PER_PUSH = 100;
const ADMIN_DATABASE_URL = process.env.FAULT_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let producer: DemoProcess | undefined;
const started: DemoProcess[] = [];
const databases: string[] = [];

test.beforeAll(async () => {
  producer = await DemoProcess.start("producer", { KAFKA_BROKERS: cluster.brokerList });
});

test.afterAll(async () => {
  await producer?.stop();
  await seed.cleanup().catch(() => undefined);
  await cluster.disconnect();
  const admin = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
  await admin.connect();
  for (const name of databases) await admin.query(`drop database if exists "${name}" with (force)`).catch(() => undefined);
  await admin.end();
});

test.afterEach(async ({}, testInfo) => {
  // FAULT_DEMO_LOG_DIR keeps each consumer's JSON log, to see what it did during a fault.
  const logDir = process.env.FAULT_DEMO_LOG_DIR;
  if (logDir) started.forEach((c, i) => writeFileSync(join(logDir, `${testInfo.title.slice(0, 2)}-consumer-${i}.log`), c.output()));
  for (const consumer of started.splice(0)) {
    consumer.kill("SIGCONT");
    consumer.kill("SIGKILL");
  }
  await cluster.healAll();
});

async function createDatabase(): Promise<string> {
  const name = `fault_d_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  databases.push(name);
  return ADMIN_DATABASE_URL.replace(/\/[^/]*$/, `/${name}`);
}

/** Push i's offers: every 5th push bids 0 (rejected), every 10th from the 3rd is not JSON, the rest are good. */
function pushData(i: number): unknown {
  if (i % 10 === 3) return '{"offerId": "broken", "bidCents": ';
  const offer = {
    offerId: `fault-${i}`,
    advertiser: "Acme Outdoor",
    bidCents: i % 5 === 1 ? 0 : 120,
    width: 300,
    height: 250,
    imageUrl: "https://cdn.example/a.png",
  };
  return offer;
}

interface Run {
  topic: string;
  dlt: string;
  group: string;
  databaseUrl: string;
  env: Record<string, string>;
  pushed: number;
  db: pg.Client;
}

async function prepare(name: string, offers: number, consumerEnv: Record<string, string>): Promise<Run> {
  const topic = await seed.createTopic(uniqueName(`fault7-${name}`), PARTITIONS);
  const dlt = await seed.createTopic(`${topic}.DLT`, PARTITIONS);
  const group = `${topic}-group`;
  const databaseUrl = await createDatabase();
  for (let i = 0; i < offers / PER_PUSH; i++) {
    const response = await fetch(`${producer!.url}/push`, {
      method: "POST",
      body: JSON.stringify({ topic, num: PER_PUSH, data: pushData(i) }),
    });
    expect(response.status, await response.clone().text()).toBe(200);
  }
  const env = {
    KAFKA_BROKERS: cluster.brokerList,
    DEMO_CONSUMER_TOPICS: `${topic}=banner`,
    DEMO_CONSUMER_GROUP: group,
    DEMO_CONSUMER_DATABASE_URL: databaseUrl,
    DEMO_CONSUMER_SESSION_TIMEOUT_MS: "6000",
    DEMO_CONSUMER_CHUNK: "50",
    ...consumerEnv,
  };
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  return { topic, dlt, group, databaseUrl, env, pushed: offers, db };
}

async function startConsumer(run: Run, extra: Record<string, string> = {}): Promise<DemoProcess> {
  const consumer = await DemoProcess.start("consumer", { ...run.env, ...extra });
  started.push(consumer);
  return consumer;
}

/** The group's committed offset per input partition (-1 where none), or null while the cluster cannot say. */
async function committedOffsets(run: Run): Promise<number[] | null> {
  try {
    const admin = await cluster.connectedAdmin();
    const [answer] = await admin.fetchOffsets({ groupId: run.group, topics: [run.topic] });
    const offsets = Array.from({ length: PARTITIONS }, () => -1);
    for (const { partition, offset } of answer!.partitions) offsets[partition] = Number(offset);
    return offsets;
  } catch {
    await cluster.disconnect();
    return null;
  }
}

async function endOffsets(run: Run): Promise<number[]> {
  const admin = await cluster.connectedAdmin();
  const offsets = await admin.fetchTopicOffsets(run.topic);
  return Array.from({ length: PARTITIONS }, (_, p) => Number(offsets.find((o) => o.partition === p)!.high));
}

/** Waits until `check` holds, polling; throws with the consumers' recent logs after `timeoutMs`. */
async function until(check: () => Promise<boolean>, what: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) {
      const logs = started.map((c) => `--- consumer ${c.pid}\n${c.output().slice(-4_000)}`).join("\n");
      throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}\n${logs}`);
    }
    await sleep(200);
  }
}

/** A partition the consumer is working through now (committed past its start, not at its end), else one not done. */
async function partitionInProgress(run: Run): Promise<number> {
  const ends = await endOffsets(run);
  let choice = -1;
  await until(
    async () => {
      const committed = await committedOffsets(run);
      if (!committed) return false;
      choice = committed.findIndex((c, p) => c > 0 && c < ends[p]! - 2 * 50);
      return choice >= 0;
    },
    "a partition in progress",
    60_000,
  );
  return choice;
}

/**
 * Seconds from `since` until any partition commits past where it was when this is called. The worker consumes one
 * partition at a time, and after a fault it may well start on another than the one the fault hit.
 */
async function progressed(run: Run, since: number, timeoutMs = 120_000): Promise<number> {
  let before: number[] | null = null;
  await until(async () => (before = await committedOffsets(run)) !== null, "the committed offsets", 30_000);
  const start = before!;
  await until(async () => ((await committedOffsets(run)) ?? start).some((c, p) => c > start[p]!), "a commit after the fault", timeoutMs);
  return (Date.now() - since) / 1000;
}

async function waitUntilDone(run: Run, timeoutMs = 120_000): Promise<void> {
  const ends = await endOffsets(run);
  await until(
    async () => {
      const committed = await committedOffsets(run);
      return committed !== null && committed.every((c, p) => c >= ends[p]!);
    },
    "every offer committed",
    timeoutMs,
  );
}

interface Tally {
  lost: number;
  duplicated: number;
  /** Good offers in the DLT, failing ones in the store, or offers never pushed. */
  misrouted: number;
  processed: number;
  deadLettered: number;
}

/** Each offer pushed (read back from the input topic) must be in the store once or in the DLT once. */
async function tally(run: Run): Promise<Tally> {
  const pushed = new Map<string, boolean>();
  await countRecords(seed.kafka, [run.topic], [], (headers, value) => {
    const id = headerText(headers, "x-message-id");
    if (id !== undefined) pushed.set(id, (value?.toString("utf8") ?? "").includes('"bidCents":120'));
    return [];
  });
  expect(pushed.size, "the producer wrote every offer").toBe(run.pushed);
  const times = new Map<string, number>([...pushed.keys()].map((id) => [id, 0]));
  let misrouted = 0;
  const dlt = await countRecords(seed.kafka, [run.dlt], [], (headers) => {
    const id = headerText(headers, "x-message-id");
    if (id !== undefined) {
      times.set(id, (times.get(id) ?? 0) + 1);
      if (pushed.get(id) !== false) misrouted++;
    }
    return [];
  });
  const { rows } = await run.db.query<{ message_id: string }>("select message_id from demo_processed where group_id = $1", [run.group]);
  for (const { message_id: id } of rows) {
    times.set(id, (times.get(id) ?? 0) + 1);
    if (pushed.get(id) !== true) misrouted++;
  }
  return {
    lost: [...times.values()].filter((n) => n === 0).length,
    duplicated: [...times.values()].reduce((sum, n) => sum + Math.max(0, n - 1), 0),
    misrouted,
    processed: rows.length,
    deadLettered: dlt.read,
  };
}

async function finish(run: Run, row: { id: string; scenario: string; recoverySeconds: number; note: string }): Promise<void> {
  await waitUntilDone(run);
  // Let the last transaction's markers land before the independent read.
  await sleep(1_000);
  const result = await tally(run);
  await run.db.end();
  recordResult({
    ...row,
    records: run.pushed,
    lost: result.lost,
    duplicated: result.duplicated,
    note: `${row.note}; ${result.processed} processed, ${result.deadLettered} in the DLT`,
  });
  expect(result, JSON.stringify(result)).toMatchObject({ lost: 0, duplicated: 0, misrouted: 0 });
}

test("7a: the consumer killed with SIGKILL mid-chunk and started again", async () => {
  const run = await prepare("kill", 2_000, { DEMO_CONSUMER_COMMIT_DELAY_MS: "200" });
  const consumer = await startConsumer(run);
  await partitionInProgress(run);
  consumer.kill("SIGKILL");
  const killedAt = Date.now();
  await consumer.exited;
  await startConsumer(run);
  const recoverySeconds = await progressed(run, killedAt);
  await finish(run, {
    id: "7a",
    scenario: "demo consumer: kill -9 mid-chunk, restarted",
    recoverySeconds,
    note: "the restart fences the killed one's transaction",
  });
});

test("7b: the leaders of the consumer's input partition and of its DLT partition killed with SIGKILL", async () => {
  const run = await prepare("leaders", 3_000, { DEMO_CONSUMER_COMMIT_DELAY_MS: "300" });
  await startConsumer(run);
  const recoveries: number[] = [];
  for (const topicOf of [(r: Run) => r.topic, (r: Run) => r.dlt]) {
    const partition = await partitionInProgress(run);
    const node = await cluster.leaderOf(topicOf(run), partition);
    await cluster.kill(node);
    const killedAt = Date.now();
    recoveries.push(await progressed(run, killedAt));
    await cluster.restart(node);
  }
  await finish(run, {
    id: "7b",
    scenario: "demo consumer: kill -9 of its input partition's leader, then its DLT partition's",
    recoverySeconds: Math.max(...recoveries),
    note: `input ${recoveries[0]!.toFixed(1)} s, DLT ${recoveries[1]!.toFixed(1)} s`,
  });
});

test("7c: a second consumer instance joins mid-run, the first stalls past its session, then one is killed", async () => {
  const run = await prepare("rebalance", 3_000, { DEMO_CONSUMER_COMMIT_DELAY_MS: "300" });
  const first = await startConsumer(run);
  await partitionInProgress(run);
  const second = await startConsumer(run);
  const assigned = async (consumer: DemoProcess) =>
    (await consumer.json<{ assignment: Record<string, number[]> }>("/health")).body.assignment[run.topic] ?? [];
  await until(async () => (await assigned(second)).length > 0, "the second instance's assignment", 60_000);
  await partitionInProgress(run);
  // A stall longer than the session (a GC pause, a stuck disk): the group moves the first one's partitions to the
  // second, which must not commit a chunk the first then commits too when it wakes up with its transaction open.
  first.kill("SIGSTOP");
  await sleep(10_000);
  first.kill("SIGCONT");
  await until(
    async () => (await assigned(first)).length > 0 && (await assigned(second)).length > 0,
    "both instances back in the group",
    60_000,
  );
  await partitionInProgress(run);
  second.kill("SIGKILL");
  const killedAt = Date.now();
  await second.exited;
  // Recovered once the survivor holds every partition and has committed since.
  await until(async () => (await assigned(first)).length === PARTITIONS, "the survivor to take every partition", 90_000);
  const recoverySeconds = await progressed(run, killedAt);
  await finish(run, {
    id: "7c",
    scenario: "demo consumer: a second instance joins, the first stalls 10 s (SIGSTOP), the second is killed",
    recoverySeconds,
    note: "the survivor takes every partition",
  });
});

/** The node coordinating a transactional id's transactions: the leader of its __transaction_state partition. */
async function transactionCoordinatorOf(transactionalId: string): Promise<NodeId> {
  // Kafka's Utils.abs(transactionalId.hashCode()) % partitions, with Java's String.hashCode.
  let hash = 0;
  for (let i = 0; i < transactionalId.length; i++) hash = (Math.imul(hash, 31) + transactionalId.charCodeAt(i)) | 0;
  const { topics } = await (await cluster.connectedAdmin()).fetchTopicMetadata({ topics: ["__transaction_state"] });
  return cluster.leaderOf("__transaction_state", (hash & 0x7fffffff) % topics[0]!.partitions.length);
}

test("7d: the transaction coordinator of the partition in progress killed with SIGKILL while a commit is pending", async () => {
  // Each transaction is held open 1 s before its commit, so the kill lands between its writes and its EndTxn.
  const run = await prepare("coordinator", 2_000, { DEMO_CONSUMER_COMMIT_DELAY_MS: "1000" });
  await startConsumer(run);
  const partition = await partitionInProgress(run);
  const node = await transactionCoordinatorOf(`${run.group}-${run.topic}-${partition}`);
  await cluster.kill(node);
  const killedAt = Date.now();
  const recoverySeconds = await progressed(run, killedAt);
  await cluster.restart(node);
  await finish(run, {
    id: "7d",
    scenario: "demo consumer: kill -9 of its transaction coordinator mid-commit",
    recoverySeconds,
    note: "the failed EndTxn's producer is replaced (kafkajs#1416)",
  });
});
