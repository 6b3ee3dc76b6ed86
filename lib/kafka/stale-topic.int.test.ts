// kafkajs clients keep every topic they have touched in their metadata requests, and once one is deleted every later
// call fails. Against the real broker: after a target topic is deleted, redeliveries to other topics still go
// through, one at a time and in batches, each record written once; and a topic recreated with fewer partitions
// takes batches again after at most one refused batch (the partitions known for it are forgotten when one fails).
import { afterAll, describe, expect, it } from "vitest";
import { KafkaSeed, uniqueName } from "@/e2e/support/kafka-seed";
import type { ClusterConfig } from "@/lib/config/clusters";
import { produceRedelivery } from "./redeliver";
import { produceRedeliveryBatch } from "./redelivery-batch";

const seed = new KafkaSeed();
afterAll(() => seed.cleanup());

const cluster: ClusterConfig = {
  id: "stale-topic-test",
  name: "test",
  brokers: ["127.0.0.1:9092"],
  clientId: "redrive-stale-test",
  connectionTimeoutMs: 3_000,
  dlqPattern: /\.DLT$/,
};
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
    const [gone, kept, batched] = [
      await seed.createTopic(uniqueName("gone"), 1),
      await seed.createTopic(uniqueName("kept"), 1),
      await seed.createTopic(uniqueName("batched"), 2),
    ];
    await produceRedelivery(cluster, gone, message("before"));
    await produceRedeliveryBatch(cluster, [{ topic: gone, ...message("before, in a batch") }]);
    await deleteTopic(gone);

    expect(await produceRedelivery(cluster, kept, message("after"))).toMatchObject({ topic: kept, partition: 0, offset: "0" });
    await produceRedeliveryBatch(cluster, [
      { topic: batched, ...message("a") },
      { topic: batched, ...message("b") },
    ]);
    expect(await highWatermark(kept)).toBe(1);
    expect(await highWatermark(batched)).toBe(2);
  });

  it("recreated with fewer partitions takes a batch, though the old partitions were known a moment before", async () => {
    const topic = await seed.createTopic(uniqueName("recreated"), 3);
    const batch = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ topic, key: Buffer.from(`k${i}`), value: Buffer.from(`v${i}`), headers: [] }));
    expect(new Set((await produceRedeliveryBatch(cluster, batch(30))).map((p) => p.partition)).size).toBe(3);
    await deleteTopic(topic);
    await (await seed.connectedAdmin()).createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 1 }], waitForLeaders: true });
    // The first batch may still be placed on the old partitions and refused as a whole (a job then reconciles its
    // records by their x-redrive-id); the next must go through, all of it on the one partition there is now.
    const attempt = () => produceRedeliveryBatch(cluster, batch(10)).catch((error: Error) => error);
    let placed = await attempt();
    if (placed instanceof Error) placed = await attempt();
    expect(placed).not.toBeInstanceOf(Error);
    const records = placed as { partition: number; offset: string }[];
    expect(records.map((p) => p.partition)).toEqual(Array(10).fill(0));
    const first = Number(records[0]!.offset);
    expect(records.map((p) => Number(p.offset) - first)).toEqual(Array.from({ length: 10 }, (_, i) => i));
  });
});
