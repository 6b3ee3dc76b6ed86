// Demo traffic for `npm run demo`: creates a few business topics and a dead-letter topic, keeps producing to
// them, and runs a deliberately slow consumer group so the console has lag that moves. Stops on SIGINT/SIGTERM.
// (The real producer service and DLQ-aware consumer worker replace this in demo/producer and demo/consumer.)
import { Kafka, logLevel, Partitioners } from "kafkajs";

const brokers = (process.env.KAFKA_BROKERS ?? "127.0.0.1:9092").split(",");
const kafka = new Kafka({ clientId: "redrive-demo", brokers, logLevel: logLevel.NOTHING });

const TOPICS = [
  { topic: "demo.orders", numPartitions: 3 },
  { topic: "demo.payments", numPartitions: 2 },
  { topic: "demo.orders.DLT", numPartitions: 1 },
];

async function main() {
  const admin = kafka.admin();
  await admin.connect();
  const existing = new Set(await admin.listTopics());
  const missing = TOPICS.filter((t) => !existing.has(t.topic));
  if (missing.length > 0) await admin.createTopics({ topics: missing, waitForLeaders: true });
  await admin.disconnect();

  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, idempotent: true });
  await producer.connect();
  // A fulfilment service that keeps up with payments but falls behind on orders.
  const consumer = kafka.consumer({ groupId: "demo-fulfilment" });
  await consumer.connect();
  await consumer.subscribe({ topics: ["demo.orders", "demo.payments"], fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ topic }) => {
      if (topic === "demo.orders") await new Promise((r) => setTimeout(r, 400));
    },
  });

  let n = 0;
  const timer = setInterval(() => {
    n += 1;
    const orderId = 1000 + n;
    const messages = [{ key: `order-${orderId}`, value: JSON.stringify({ orderId, amount: (n * 7.3) % 500, currency: "EUR" }) }];
    const sends = [
      producer.send({ topic: "demo.orders", acks: -1, messages: [...messages, ...messages] }),
      producer.send({ topic: "demo.payments", acks: -1, messages }),
    ];
    if (n % 15 === 0) {
      sends.push(
        producer.send({
          topic: "demo.orders.DLT",
          acks: -1,
          messages: [{ ...messages[0]!, headers: { "kafka_dlt-original-topic": "demo.orders", "kafka_dlt-exception-message": `Order ${orderId} not found` } }],
        }),
      );
    }
    Promise.all(sends).catch((error: Error) => console.error(`demo traffic: ${error.message}`));
  }, 1_000);

  const stop = async () => {
    clearInterval(timer);
    await Promise.allSettled([consumer.disconnect(), producer.disconnect()]);
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  console.log("Demo traffic: producing to demo.orders and demo.payments; group demo-fulfilment falls behind on orders.");
}

main().catch((error) => {
  console.error(`demo traffic failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
