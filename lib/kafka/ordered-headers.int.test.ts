// Headers survive a round trip through the real broker in order, with duplicate keys and null values kept —
// the byte-for-byte promise redelivery makes, which stock kafkajs cannot keep.
import { afterAll, describe, expect, it } from "vitest";
import { KafkaSeed, uniqueName } from "@/e2e/support/kafka-seed";
import type { RecordHeader } from "@/lib/dlq/record-header";
import { orderedHeaders, withOrderedHeaders } from "./ordered-headers";

const seed = new KafkaSeed();
afterAll(() => seed.cleanup());

describe("ordered headers", () => {
  it("round-trips a, b, a, a null value and binary bytes exactly", async () => {
    const topic = await seed.createTopic(uniqueName("headers"), 1);
    const headers: RecordHeader[] = [
      { key: "a", value: Buffer.from("first") },
      { key: "b", value: Buffer.from([0xff, 0x00, 0xfe]) },
      { key: "a", value: Buffer.from("second") },
      { key: "tombstone-ish", value: null },
      { key: "a", value: Buffer.alloc(0) },
    ];
    const producer = seed.kafka.producer();
    await producer.connect();
    await producer.send({ topic, acks: -1, messages: [withOrderedHeaders({ key: null, value: null }, headers)] });
    await producer.disconnect();

    const consumer = seed.kafka.consumer({ groupId: uniqueName("headers-reader") });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const received = await new Promise<RecordHeader[]>((resolve) => {
      void consumer.run({ eachMessage: async ({ message }) => resolve(orderedHeaders(message)) });
    });
    await consumer.disconnect();
    expect(received.map((h) => [h.key, h.value === null ? null : h.value.toString("base64")])).toEqual(
      headers.map((h) => [h.key, h.value === null ? null : h.value.toString("base64")]),
    );
  });

  it("sends a header key that is not UTF-8 back byte for byte", async () => {
    const topic = await seed.createTopic(uniqueName("raw-keys"), 1);
    const rawKey = Buffer.from([0x62, 0xff, 0x00, 0xc3]);
    const producer = seed.kafka.producer();
    await producer.connect();
    const read = async (expected: number) => {
      const consumer = seed.kafka.consumer({ groupId: uniqueName("raw-keys-reader") });
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      const received: RecordHeader[][] = [];
      await new Promise<void>((resolve) => {
        void consumer.run({ eachMessage: async ({ message }) => void (received.push(orderedHeaders(message)) === expected && resolve()) });
      });
      await consumer.disconnect();
      return received;
    };
    try {
      await producer.send({
        topic,
        acks: -1,
        messages: [withOrderedHeaders({ key: null, value: null }, [{ key: "ignored", rawKey, value: Buffer.from("v") }])],
      });
      const [first] = await read(1);
      expect(first![0]!.key).toBe("b\ufffd\u0000\ufffd");
      expect(first![0]!.rawKey?.toString("base64")).toBe(rawKey.toString("base64"));
      // Sent on as consumed (a redelivery): the key's own bytes go out, not its lossy text.
      await producer.send({ topic, acks: -1, messages: [withOrderedHeaders({ key: null, value: null }, first!)] });
      const [, second] = await read(2);
      expect(second![0]!.rawKey?.toString("base64")).toBe(rawKey.toString("base64"));
    } finally {
      await producer.disconnect();
    }
  });
});
