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
});
