// Live traffic for `npm run demo`'s overview: pushes orders and payments through the producer service every
// second, and runs a fulfilment consumer group that keeps up with payments but falls behind on orders, so the
// console has lag that moves. Stops on SIGINT/SIGTERM.
import { Kafka, type Consumer } from "kafkajs";
import { z } from "zod";
import { demoNames } from "./demo-data";
import { brokersSchema, parseEnv, topicPrefixSchema } from "./demo-env";
import { demoLog, kafkaLogCreator } from "./demo-log";
import { errorMessage } from "./kafka-errors";

const env = parseEnv(
  z.object({ KAFKA_BROKERS: brokersSchema, PRODUCER_URL: z.url().default("http://127.0.0.1:8899"), DEMO_TOPIC_PREFIX: topicPrefixSchema }),
  process.env,
);
const { lag, fulfilmentGroup } = demoNames(env.DEMO_TOPIC_PREFIX);
const log = demoLog("redrive-demo-traffic");
const ORDER_PROCESSING_MS = 400;

async function push(topic: string, key: string, data: unknown, num: number): Promise<void> {
  const response = await fetch(`${env.PRODUCER_URL}/push`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ topic, key, num, data }),
  });
  if (!response.ok) throw new Error(`POST /push answered ${response.status}: ${await response.text()}`);
}

async function main() {
  const kafka = new Kafka({ clientId: "redrive-demo-traffic", brokers: env.KAFKA_BROKERS, logCreator: kafkaLogCreator(log) });
  const consumer: Consumer = kafka.consumer({ groupId: fulfilmentGroup, allowAutoTopicCreation: false });
  await consumer.connect();
  await consumer.subscribe({ topics: Object.values(lag), fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ topic }) => {
      if (topic === lag.orders) await new Promise((resolve) => setTimeout(resolve, ORDER_PROCESSING_MS));
    },
  });

  let n = 0;
  // A failed tick is logged once per failure, not retried: the next tick is a second away.
  const timer = setInterval(() => {
    n += 1;
    const orderId = `order-${Date.now().toString(36)}-${n}`;
    const order = { orderId, amount: ((n * 7.3) % 500).toFixed(2), currency: "EUR" };
    Promise.all([push(lag.orders, orderId, order, 2), push(lag.payments, orderId, { orderId, status: "captured" }, 1)]).catch(
      (error: unknown) => log.warn({ err: errorMessage(error) }, "demo traffic push failed"),
    );
  }, 1_000);

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    clearInterval(timer);
    void consumer.disconnect().finally(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  log.info(`demo traffic: orders and payments every second; group ${fulfilmentGroup} falls behind on orders`);
}

main().catch((error: unknown) => {
  console.error(`demo traffic: ${errorMessage(error)}`);
  process.exit(1);
});
