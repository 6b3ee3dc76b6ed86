// The 3.9 line of Apache Kafka also works as the local broker (KAFKA_VERSION=3.9.x logs through reload4j
// instead of log4j2): it downloads, formats, starts, serves the cluster reads, and stops.
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { KafkaSeed, uniqueName } from "@/e2e/support/kafka-seed";
import type { ClusterConfig } from "@/lib/config/clusters";
import { DEFAULT_DLQ_PATTERN } from "@/lib/env-schema";
import { describeGroup, listTopics } from "@/lib/kafka/cluster-reads";

const PORT = 19592;
const env = { ...process.env, KAFKA_VERSION: "3.9.1", KAFKA_PORT: String(PORT), KAFKA_CONTROLLER_PORT: "19593", KAFKA_HEAP: "384m" };
const kafkaScript = (name: string) => execFileSync("bash", [join("scripts", "kafka", `${name}.sh`)], { env, encoding: "utf8" });

const cluster: ClusterConfig = {
  id: "kafka-3.9",
  name: "kafka-3.9",
  brokers: [`127.0.0.1:${PORT}`],
  clientId: "redrive-version-test",
  connectionTimeoutMs: 3_000,
  dlqPattern: new RegExp(DEFAULT_DLQ_PATTERN, "i"),
};

afterAll(() => void kafkaScript("stop"), 60_000);

describe("KAFKA_VERSION=3.9.1", () => {
  it("starts a broker the console can read topics and lag from", async () => {
    expect(kafkaScript("start")).toContain(`Kafka 3.9.1 is up on 127.0.0.1:${PORT}`);
    const seed = new KafkaSeed([`127.0.0.1:${PORT}`]);
    try {
      const topic = await seed.createTopic(uniqueName("v39.orders.DLT"), 2);
      await seed.produce(topic, 1, 4);
      const group = uniqueName("v39-group");
      await seed.commitOffsets(group, topic, { 1: 1 });
      expect((await listTopics(cluster)).find((t) => t.name === topic)).toMatchObject({ partitions: 2, messages: "4", isDlq: true });
      expect((await describeGroup(cluster, group)).totalLag).toBe("3");
    } finally {
      await seed.cleanup();
    }
  }, 300_000);
});
