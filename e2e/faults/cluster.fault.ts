// The three-node cluster and the suite's helpers themselves: replication settings for new and internal topics, a
// leader found through the admin API, and each way of breaking a node (kill -9, SIGSTOP) followed by its return.
import { expect, test } from "@playwright/test";
import { KafkaCluster, NODE_IDS } from "../support/kafka-cluster";
import { KafkaSeed, uniqueName } from "../support/kafka-seed";

const cluster = new KafkaCluster();
const seed = new KafkaSeed(cluster.brokers);

test.afterAll(async () => {
  await cluster.healAll();
  await seed.cleanup();
  await cluster.disconnect();
});

test("new and internal topics get replication factor 3 and min.insync.replicas 2", async () => {
  const topic = await seed.createTopic(uniqueName("fault-rf"), 2);
  // The offsets topic exists once a group has needed a coordinator.
  const consumer = seed.kafka.consumer({ groupId: uniqueName("fault-rf-group") });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({ eachMessage: async () => undefined });
  await consumer.disconnect();
  const admin = await cluster.connectedAdmin();
  const { topics } = await admin.fetchTopicMetadata({ topics: [topic, "__consumer_offsets"] });
  for (const t of topics) for (const p of t.partitions) expect(p.replicas, `${t.name}/${p.partitionId}`).toHaveLength(3);
  const configs = await admin.describeConfigs({ includeSynonyms: false, resources: [{ type: 2, name: topic, configNames: ["min.insync.replicas"] }] });
  expect(configs.resources[0]!.configEntries.find((e) => e.configName === "min.insync.replicas")?.configValue).toBe("2");
  const { brokers } = await admin.describeCluster();
  expect(brokers.map((b) => b.nodeId).sort()).toEqual([...NODE_IDS]);
});

test("kill -9 of a partition's leader moves the leadership, and the node comes back", async () => {
  const topic = await seed.createTopic(uniqueName("fault-leader"), 1);
  const leader = await cluster.leaderOf(topic, 0);
  await cluster.kill(leader);
  expect(cluster.pid(leader)).toBeNull();
  await expect.poll(() => cluster.leaderOf(topic, 0).catch(() => leader), { timeout: 60_000 }).not.toBe(leader);
  await cluster.restart(leader);
  expect(cluster.pid(leader)).not.toBeNull();
  await cluster.waitForFullIsr([topic]);
});

test("a node stopped with SIGSTOP loses its leadership and takes it back in sync after SIGCONT", async () => {
  const topic = await seed.createTopic(uniqueName("fault-pause"), 1);
  const leader = await cluster.leaderOf(topic, 0);
  cluster.pause(leader);
  try {
    await expect.poll(() => cluster.leaderOf(topic, 0).catch(() => leader), { timeout: 60_000 }).not.toBe(leader);
  } finally {
    cluster.resume(leader);
  }
  await cluster.waitForFullIsr([topic]);
});
