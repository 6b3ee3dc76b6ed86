// Demo pipeline throughput: the producer service (POST /push, a process of its own) next to a bare kafkajs producer
// sending the same records the same way, and the consumer worker (a process of its own, on PGlite and on
// PostgreSQL) next to a bare kafkajs consumer reading the same topic, all in the same run. Consumers are timed from
// their first record to their last, so the group join counts for neither.
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { logLevel, Partitioners } from "kafkajs";
import { DemoProcess } from "@/e2e/support/demo-processes";
import { KafkaSeed, uniqueName } from "@/e2e/support/kafka-seed";
import { bareConsumerRate, brokers, scratchDatabase } from "./support";

const MESSAGES = Number(process.env.BENCH_DEMO_MESSAGES ?? 50_000);
const PER_REQUEST = 500;
const CONCURRENT = 4;
const PARTITIONS = 3;

/** Consumer groups and DLT topics the run created, deleted at the end. */
const groups: string[] = [];
const dlts: string[] = [];

const offer = (i: number) => ({
  offerId: `bench-${i}`,
  advertiser: "Northwind Travel",
  bidCents: 120 + (i % 300),
  width: 300,
  height: 250,
  imageUrl: `https://cdn.example/creatives/${randomBytes(24).toString("hex")}.png`,
});

/** Runs `total / PER_REQUEST` jobs, CONCURRENT at a time; returns messages per second. */
async function rate(total: number, job: (count: number) => Promise<void>): Promise<number> {
  const jobs = Array.from({ length: Math.ceil(total / PER_REQUEST) }, (_, i) => Math.min(PER_REQUEST, total - i * PER_REQUEST));
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENT }, async () => {
      for (let count = jobs.shift(); count !== undefined; count = jobs.shift()) await job(count);
    }),
  );
  return (total / (performance.now() - started)) * 1000;
}

async function producerRates(seed: KafkaSeed): Promise<{ bare: number; service: number }> {
  const data = offer(1);
  const value = Buffer.from(JSON.stringify(data));
  const bareTopic = await seed.createTopic(uniqueName("bench-demo-bare-push"), PARTITIONS);
  const serviceTopic = await seed.createTopic(uniqueName("bench-demo-push"), PARTITIONS);

  // The same records the service sends: idempotent, acks=-1, one x-message-id per copy, one send per push.
  const producer = seed.kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  const send = (count: number) =>
    producer
      .send({
        topic: bareTopic,
        acks: -1,
        messages: Array.from({ length: count }, () => ({ key: null, value, headers: { "x-message-id": randomUUID() } })),
      })
      .then(() => undefined);
  const service = await DemoProcess.start("producer", { KAFKA_BROKERS: brokers.join(","), LOG_LEVEL: "warn" });
  const push = async (num: number) => {
    const response = await fetch(`${service.url}/push`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ topic: serviceTopic, num, data }),
    });
    if (!response.ok) throw new Error(`POST /push answered ${response.status}: ${await response.text()}`);
  };
  try {
    // A warm-up of each, then two alternating rounds, each side's best kept: on a shared machine the order and
    // a neighbour's burst otherwise decide more than the code does.
    await rate(PER_REQUEST * CONCURRENT * 2, send);
    await rate(PER_REQUEST * CONCURRENT * 2, push);
    const rounds = { bare: [] as number[], service: [] as number[] };
    for (let round = 0; round < 2; round++) {
      rounds.bare.push(await rate(MESSAGES, send));
      rounds.service.push(await rate(MESSAGES, push));
    }
    return { bare: Math.max(...rounds.bare), service: Math.max(...rounds.service) };
  } finally {
    await service.stop();
    await producer.disconnect();
  }
}

async function fillConsumerTopic(seed: KafkaSeed): Promise<string> {
  const topic = await seed.createTopic(uniqueName("bench-demo-offers"), PARTITIONS);
  const producer = seed.kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  for (let from = 0; from < MESSAGES; from += 1_000) {
    const messages = Array.from({ length: Math.min(1_000, MESSAGES - from) }, (_, j) => ({
      key: `bench-${from + j}`,
      value: JSON.stringify(offer(from + j)),
      headers: { "x-message-id": randomUUID() },
    }));
    await producer.send({ topic, acks: -1, messages });
  }
  await producer.disconnect();
  return topic;
}

/** Messages per second the consumer worker processes and commits, from its first commit to its last. */
async function workerRate(topic: string, store: Record<string, string>): Promise<number> {
  const group = uniqueName("bench-demo-worker");
  groups.push(group);
  dlts.push(`${topic}.DLT`);
  const worker = await DemoProcess.start("consumer", {
    KAFKA_BROKERS: brokers.join(","),
    LOG_LEVEL: "warn",
    DEMO_CONSUMER_TOPICS: `${topic}=banner`,
    DEMO_CONSUMER_GROUP: group,
    ...store,
  });
  try {
    const processed = () => worker.metric(`demo_consumer_messages_processed_total{topic="${topic}"}`);
    let first = 0;
    let atFirst = 0;
    let progressAt = performance.now();
    for (let last = 0; ;) {
      const n = await processed();
      if (n > 0 && first === 0) [first, atFirst] = [performance.now(), n];
      if (n >= MESSAGES) return ((n - atFirst) / (performance.now() - first)) * 1000;
      if (n > last) [last, progressAt] = [n, performance.now()];
      if (performance.now() - progressAt > 60_000)
        throw new Error(`the consumer worker stopped at ${n} of ${MESSAGES}:\n${worker.output().slice(-3_000)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await worker.stop();
  }
}

const line = (label: string, perSecond: number, beside?: { label: string; perSecond: number }) =>
  console.log(
    `  ${label.padEnd(64)} ${perSecond.toFixed(0).padStart(7)} msgs/s${beside ? `   ${((perSecond / beside.perSecond) * 100).toFixed(0)}% of the ${beside.label}` : ""}`,
  );

export async function benchDemo(): Promise<void> {
  const seed = new KafkaSeed(brokers);
  (seed.kafka as unknown as { logger(): { setLogLevel(l: logLevel): void } }).logger().setLogLevel(logLevel.NOTHING);
  const dataDir = mkdtempSync(join(tmpdir(), "redrive-bench-demo-"));
  const database = await scratchDatabase("redrive_bench_demo");
  try {
    console.log(
      `\nDemo pipeline, ${MESSAGES.toLocaleString("en")} ad offers (~200 B JSON, one x-message-id header) in ${PARTITIONS} partitions:`,
    );
    const produced = await producerRates(seed);
    line(`bare kafkajs producer (idempotent, acks=-1, ${PER_REQUEST}/send, ${CONCURRENT} at once)`, produced.bare);
    line(`producer service (POST /push num=${PER_REQUEST}, ${CONCURRENT} at once)`, produced.service, {
      label: "bare producer",
      perSecond: produced.bare,
    });

    const topic = await fillConsumerTopic(seed);
    const bareGroup = uniqueName("bench-demo-bare");
    groups.push(bareGroup);
    const bare = await bareConsumerRate(seed, topic, MESSAGES, bareGroup);
    line("bare kafkajs consumer", bare);
    for (const [name, store] of [
      ["PGlite", { DEMO_CONSUMER_DATA_DIR: join(dataDir, "consumer") }],
      ["PostgreSQL", { DEMO_CONSUMER_DATABASE_URL: database.url }],
    ] as const) {
      line(`consumer worker on ${name} (chunks of 200, 16 in flight)`, await workerRate(topic, store), {
        label: "bare consumer",
        perSecond: bare,
      });
    }
  } finally {
    await database.drop();
    const kafkaAdmin = await seed.connectedAdmin();
    await kafkaAdmin.deleteGroups(groups).catch(() => undefined);
    // The workers created their DLTs; the seed only knows the topics it made.
    await kafkaAdmin.deleteTopics({ topics: (await kafkaAdmin.listTopics()).filter((t) => dlts.includes(t)) }).catch(() => undefined);
    await seed.cleanup();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
