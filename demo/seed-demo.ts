// `npm run demo`'s Kafka steps. `topics`: creates the demo topics that are missing. `data`: pushes the offer mix
// through the producer service (PRODUCER_URL) and produces the Connect and Karafka DLQ records, each topic only
// while it is still empty, so running the demo again adds no second copy.
import { Kafka, Partitioners } from "kafkajs";
import { z } from "zod";
import { CONNECT_RECORDS, KARAFKA_RECORDS, demoNames, demoTopics, offerPushes, type DirectRecord } from "./demo-data";
import { brokersSchema, parseEnv, topicPrefixSchema } from "./demo-env";
import { demoLog, kafkaLogCreator } from "./demo-log";
import { errorMessage } from "./kafka-errors";
import { messageWithHeaders } from "./record-headers";

const env = parseEnv(
  z.object({ KAFKA_BROKERS: brokersSchema, PRODUCER_URL: z.url().default("http://127.0.0.1:8899"), DEMO_TOPIC_PREFIX: topicPrefixSchema }),
  process.env,
);
const names = demoNames(env.DEMO_TOPIC_PREFIX);
const log = demoLog("redrive-demo-seed");
const kafka = new Kafka({ clientId: "redrive-demo-seed", brokers: env.KAFKA_BROKERS, logCreator: kafkaLogCreator(log) });

async function createTopics(): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = demoTopics(names).filter((t) => !existing.has(t.topic));
    if (missing.length > 0)
      await admin.createTopics({ topics: missing.map((t) => ({ topic: t.topic, numPartitions: t.partitions })), waitForLeaders: true });
    console.log(missing.length > 0 ? `Created ${missing.map((t) => t.topic).join(", ")}.` : "The demo topics are there.");
  } finally {
    await admin.disconnect();
  }
}

async function isEmpty(topic: string): Promise<boolean> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return (await admin.fetchTopicOffsets(topic)).every((p) => p.high === p.low && p.low === "0");
  } finally {
    await admin.disconnect();
  }
}

async function pushOffers(): Promise<void> {
  const all = offerPushes(names.offers);
  for (const topic of new Set(all.map((p) => p.topic))) {
    if (!(await isEmpty(topic))) {
      console.log(`${topic} already holds the demo offers; not pushing them again.`);
      continue;
    }
    const pushes = all.filter((p) => p.topic === topic);
    for (const push of pushes) {
      const response = await fetch(`${env.PRODUCER_URL}/push`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(push),
      });
      if (!response.ok) throw new Error(`POST /push for ${push.key} answered ${response.status}: ${await response.text()}`);
    }
    console.log(`Pushed ${pushes.reduce((n, p) => n + p.num, 0)} offers to ${topic} through the producer service.`);
  }
}

async function produceDirect(topic: string, records: DirectRecord[], what: string): Promise<void> {
  if (!(await isEmpty(topic))) {
    console.log(`${topic} already holds the ${what} records.`);
    return;
  }
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  try {
    const messages = records.map(({ key, value, headers }) =>
      messageWithHeaders(
        { key, value },
        headers.map(([k, v]) => ({ key: k, value: Buffer.from(v, "utf8") })),
      ),
    );
    await producer.send({ topic, acks: -1, messages });
  } finally {
    await producer.disconnect();
  }
  console.log(`Produced ${records.length} ${what} DLQ records to ${topic}.`);
}

async function main(step: string | undefined) {
  if (step === "topics") return createTopics();
  if (step === "data") {
    await pushOffers();
    await produceDirect(names.connectDlq, CONNECT_RECORDS, "Kafka Connect");
    await produceDirect(names.karafkaDlq, KARAFKA_RECORDS, "Karafka");
    return;
  }
  throw new Error("usage: seed-demo.ts topics|data");
}

main(process.argv[2]).catch((error: unknown) => {
  console.error(`demo seed: ${errorMessage(error)}`);
  process.exit(1);
});
