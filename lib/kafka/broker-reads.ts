// The cluster's brokers and the partitions short of replicas, read live through the admin API. The admin API lists
// only live brokers, so a broker named as a replica but not listed is down; the address it last had is kept here.
import "server-only";
import type { PartitionMetadata } from "kafkajs";
import type { ClusterConfig } from "@/lib/config/clusters";
import type { BrokerStatus, ClusterBrokers, PartitionRef } from "@/lib/contract/schemas";
import { isInternalTopic } from "@/lib/dlq/topic-pattern";
import { errorChain } from "@/lib/error-chain";
import { adminFor, LIVE_READ_DEADLINE_MS, withKafka } from "./clients";

/** cluster id → node id → "host:port" last seen, for as long as the process lives (on globalThis, like the clients). */
const lastSeen = ((globalThis as { __redriveBrokersSeen?: Map<string, Map<number, string>> }).__redriveBrokersSeen ??= new Map());

export function rememberBrokers(clusterId: string, brokers: readonly { nodeId: number; host: string; port: number }[]): void {
  let seen = lastSeen.get(clusterId);
  if (!seen) lastSeen.set(clusterId, (seen = new Map()));
  for (const b of brokers) seen.set(b.nodeId, `${b.host}:${b.port}`);
}

/** "host:port" → node id, for naming the broker a failed call waited for. */
export function brokerNodes(clusterId: string): Map<string, number> {
  return new Map([...(lastSeen.get(clusterId) ?? [])].map(([nodeId, address]) => [address, nodeId]));
}

const isLeaderNotAvailable = (error: unknown) => errorChain(error).some((e) => e.type === "LEADER_NOT_AVAILABLE");

type TopicPartitions = { name: string; partitions: PartitionMetadata[] };

/**
 * Every topic's partitions. kafkajs refuses a whole metadata answer in which any partition has no leader, so then each
 * topic is read alone: those refused are the ones with an offline partition, which Kafka does not let us name.
 */
async function readPartitions(cluster: ClusterConfig): Promise<{ topics: TopicPartitions[]; leaderless: string[] }> {
  const admin = await adminFor(cluster);
  try {
    return { topics: (await admin.fetchTopicMetadata()).topics, leaderless: [] };
  } catch (error) {
    if (!isLeaderNotAvailable(error)) throw error;
  }
  const topics: TopicPartitions[] = [];
  const leaderless: string[] = [];
  for (const name of await admin.listTopics()) {
    try {
      topics.push(...(await admin.fetchTopicMetadata({ topics: [name] })).topics);
    } catch (error) {
      if (!isLeaderNotAvailable(error)) throw error;
      leaderless.push(name);
    }
  }
  return { topics, leaderless };
}

/** The operator's own topics before internal ones (__consumer_offsets alone has 50 partitions), then by name and partition. */
const byTopicPartition = (a: PartitionRef, b: PartitionRef) =>
  Number(isInternalTopic(a.topic)) - Number(isInternalTopic(b.topic)) ||
  a.topic.localeCompare(b.topic) ||
  (a.partition ?? -1) - (b.partition ?? -1);

export function readBrokers(cluster: ClusterConfig): Promise<ClusterBrokers> {
  return withKafka(
    cluster,
    async () => {
      const admin = await adminFor(cluster);
      const described = await admin.describeCluster();
      rememberBrokers(cluster.id, described.brokers);
      const { topics, leaderless } = await readPartitions(cluster);

      const live = new Set(described.brokers.map((b) => b.nodeId));
      const replicaNodes = new Set(topics.flatMap((t) => t.partitions.flatMap((p) => p.replicas)));
      const seen = lastSeen.get(cluster.id);
      const down: BrokerStatus[] = [...replicaNodes]
        .filter((n) => !live.has(n))
        .map((nodeId) => ({ nodeId, address: seen?.get(nodeId) ?? null, up: false }));
      const up: BrokerStatus[] = described.brokers.map((b) => ({ nodeId: b.nodeId, address: `${b.host}:${b.port}`, up: true }));

      const partitions = topics.flatMap((t) => t.partitions.map((p) => ({ topic: t.name, p })));
      return {
        brokers: [...up, ...down].sort((a, b) => a.nodeId - b.nodeId),
        controller: described.controller ?? null,
        underReplicated: partitions
          .filter(({ p }) => p.isr.length < p.replicas.length)
          .map(({ topic, p }) => ({ topic, partition: p.partitionId }))
          .sort(byTopicPartition),
        offline: [
          ...partitions.filter(({ p }) => p.leader < 0).map(({ topic, p }) => ({ topic, partition: p.partitionId })),
          ...leaderless.map((topic) => ({ topic, partition: null })),
        ].sort(byTopicPartition),
      };
    },
    { deadlineMs: LIVE_READ_DEADLINE_MS },
  );
}
