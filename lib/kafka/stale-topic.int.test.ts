// kafkajs clients keep every topic they have touched in their metadata requests, and once one is deleted every later
// call fails. Against the real broker: after a target topic is deleted, redeliveries to other topics still go
// through, one at a time and in batches, each record written once.
import { afterAll, describe, expect, it } from "vitest";
import { KafkaSeed, uniqueName } from "@/e2e/support/kafka-seed";
import type { ClusterConfig } from "@/lib/config/clusters";
import { produceRedelivery } from "./redeliver";
import { produceRedeliveryBatch } from "./redelivery-batch";

const seed = new KafkaSeed();
afterAll(() => seed.cleanup());

const cluster: ClusterConfig = { id: "stale-topic-test", name: "test", brokers: ["127.0.0.1:9092"], clientId: "redrive-stale-test", connectionTimeoutMs: 3_000, dlqPattern: /\.DLT$/ };
const message = (value: string) => ({ key: null, value: Buffer.from(value), headers: [] });

async function deleteTopic(topic: string) {
  const admin = await seed.connectedAdmin();
  await admin.deleteTopics({ topics: [topic] });
  for (let i = 0; i < 50 && (await admin.listTopics()).includes(topic); i++) await new Promise((r) => setTimeout(r, 200));
}

async function highWatermark(topic: string) {
  const offsets = await (await seed.connectedAdmin()).fetchTopicOffsets(topic);
  return offsets.reduce((sum, p) => sum + Number(p.high), 0);
}

describe("a deleted target topic", () => {
  it("does not stop redeliveries to other topics", async () => {
    const [gone, kept, batched] = [await seed.createTopic(uniqueName("gone"), 1), await seed.createTopic(uniqueName("kept"), 1), await seed.createTopic(uniqueName("batched"), 2)];
    await produceRedelivery(cluster, gone, message("before"));
    await produceRedeliveryBatch(cluster, [{ topic: gone, ...message("before, in a batch") }]);
    await deleteTopic(gone);

    expect(await produceRedelivery(cluster, kept, message("after"))).toMatchObject({ topic: kept, partition: 0, offset: "0" });
    await produceRedeliveryBatch(cluster, [{ topic: batched, ...message("a") }, { topic: batched, ...message("b") }]);
    expect(await highWatermark(kept)).toBe(1);
    expect(await highWatermark(batched)).toBe(2);
  });
});
