// The three-node cluster itself: three live brokers, replication factor 3 and min.insync.replicas 2 for new and
// internal topics. The helpers that break nodes (kill -9, SIGSTOP, restart, the leader through the admin API) are
// exercised by every scenario, each of which checks that the leadership moved and the node came back.
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
  const configs = await admin.describeConfigs({
    includeSynonyms: false,
    resources: [{ type: 2, name: topic, configNames: ["min.insync.replicas"] }],
  });
  expect(configs.resources[0]!.configEntries.find((e) => e.configName === "min.insync.replicas")?.configValue).toBe("2");
  const { brokers } = await admin.describeCluster();
  expect(brokers.map((b) => b.nodeId).sort()).toEqual([...NODE_IDS]);
});
