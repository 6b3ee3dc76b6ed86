// Cluster reads against the real broker: message counts, lag against offsets this test committed itself,
// a partition with no committed offset, a group with none at all, and records deleted under a group.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KafkaSeed, TEST_BROKERS, uniqueName } from "@/e2e/support/kafka-seed";
import type { ClusterConfig } from "@/lib/config/clusters";
import { DEFAULT_DLQ_PATTERN } from "@/lib/env-schema";
import { RedriveError } from "@/lib/errors";
import { describeGroup, describeTopic, listGroups, listTopics } from "./cluster-reads";

const cluster: ClusterConfig = {
  id: uniqueName("reads"),
  name: "test",
  brokers: TEST_BROKERS,
  clientId: "redrive-int-test",
  connectionTimeoutMs: 3_000,
  dlqPattern: new RegExp(DEFAULT_DLQ_PATTERN, "i"),
};

const seed = new KafkaSeed();
const topic = uniqueName("orders");
const dlq = `${uniqueName("orders")}.DLT`;
const committedGroup = uniqueName("billing");
const liveGroup = uniqueName("live");

beforeAll(async () => {
  await seed.createTopic(topic, 3);
  await seed.createTopic(dlq, 1);
  await seed.produce(topic, 0, 10);
  await seed.produce(topic, 1, 5);
  await seed.produce(topic, 2, 7);
  await seed.produce(dlq, 0, 2);
  // Partition 2 gets no commit: its lag is unknown, not zero.
  await seed.commitOffsets(committedGroup, topic, { 0: 4, 1: 5 });
});

afterAll(() => seed.cleanup());

describe("listTopics", () => {
  it("counts messages as the sum of high − low and marks DLQ and internal topics", async () => {
    const topics = await listTopics(cluster);
    expect(topics.find((t) => t.name === topic)).toEqual({
      name: topic,
      partitions: 3,
      replicationFactor: 1,
      messages: "22",
      isDlq: false,
      isInternal: false,
    });
    expect(topics.find((t) => t.name === dlq)).toMatchObject({ messages: "2", isDlq: true });
    expect(topics.find((t) => t.name === "__consumer_offsets")).toMatchObject({ isInternal: true, isDlq: false });
  });
});

describe("describeGroup", () => {
  it("reports lag per partition against the committed offsets, null where nothing was committed", async () => {
    const group = await describeGroup(cluster, committedGroup);
    expect(group.state).toBe("Empty");
    expect(group.members).toEqual([]);
    expect(group.offsets).toEqual([
      { topic, partition: 0, committed: "4", logEnd: "10", lag: "6" },
      { topic, partition: 1, committed: "5", logEnd: "5", lag: "0" },
      { topic, partition: 2, committed: null, logEnd: "7", lag: null },
    ]);
    expect(group.totalLag).toBe("6");
  });

  it("shows a live group that never committed with null lag and its members' assignments", async () => {
    await seed.joinWithoutCommitting(liveGroup, topic);
    const group = await describeGroup(cluster, liveGroup);
    expect(group.state).toBe("Stable");
    expect(group.members).toHaveLength(1);
    expect(group.members[0]!.assignments).toEqual([{ topic, partitions: [0, 1, 2] }]);
    expect(group.offsets.map((o) => o.lag)).toEqual([null, null, null]);
    expect(group.totalLag).toBeNull();
    const listed = (await listGroups(cluster)).find((g) => g.groupId === liveGroup);
    expect(listed).toMatchObject({ members: 1, totalLag: null, topics: [topic], state: "Stable" });
  });

  it("measures lag from the log start when the committed records were deleted", async () => {
    await seed.deleteRecordsBefore(topic, 0, 8);
    const group = await describeGroup(cluster, committedGroup);
    expect(group.offsets[0]).toEqual({ topic, partition: 0, committed: "4", logEnd: "10", lag: "2" });
    const details = await describeTopic(cluster, topic);
    expect(details.partitions[0]).toMatchObject({ partition: 0, low: "8", high: "10", messages: "2", leader: 1, replicas: [1], isr: [1] });
    expect(details.messages).toBe("14");
  });

  it("answers not_found for a group that does not exist", async () => {
    await expect(describeGroup(cluster, uniqueName("nobody"))).rejects.toMatchObject({ kind: "not_found" });
  });
});

describe("describeTopic", () => {
  it("lists the groups consuming the topic with their lag", async () => {
    const details = await describeTopic(cluster, topic);
    const billing = details.groups.find((g) => g.groupId === committedGroup);
    expect(billing).toMatchObject({ state: "Empty" });
    expect(billing!.offsets.map((o) => o.lag)).toEqual(["2", "0", null]);
    expect(billing!.lag).toBe("2");
  });

  it("answers not_found for a missing topic and does not create it", async () => {
    const missing = uniqueName("missing");
    const error = await describeTopic(cluster, missing).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RedriveError);
    expect((error as RedriveError).kind).toBe("not_found");
    const admin = await seed.connectedAdmin();
    expect(await admin.listTopics()).not.toContain(missing);
  });
});
