// Live reads of a cluster through the admin API: topics with message counts, groups with lag.
import "server-only";
import { AssignerProtocol, type GroupDescription, type PartitionMetadata } from "kafkajs";
import { RedriveError } from "@/lib/errors";
import type { GroupDetails, GroupMember, GroupPartitionLag, GroupSummary, TopicDetails, TopicSummary } from "@/lib/contract/schemas";
import { messageCount, parseCommittedOffset, partitionLag, totalLag } from "@/lib/cluster/lag";
import type { ClusterConfig } from "@/lib/config/clusters";
import { isDlqTopic, isInternalTopic } from "@/lib/dlq/topic-pattern";
import { adminFor, LIVE_READ_DEADLINE_MS, withKafka } from "./clients";
import { readWatermarks, type WatermarksByTopic } from "./watermarks";

type TopicMetadata = { name: string; partitions: PartitionMetadata[] };

async function readTopicMetadata(cluster: ClusterConfig): Promise<TopicMetadata[]> {
  const admin = await adminFor(cluster);
  const { topics } = await admin.fetchTopicMetadata();
  return topics;
}

function summarise(cluster: ClusterConfig, topic: TopicMetadata, watermarks: WatermarksByTopic): TopicSummary {
  return {
    name: topic.name,
    partitions: topic.partitions.length,
    replicationFactor: topic.partitions[0]?.replicas.length ?? 0,
    messages: messageCount(watermarks.get(topic.name)?.values() ?? []).toString(),
    isDlq: isDlqTopic(topic.name, cluster.dlqPattern),
    isInternal: isInternalTopic(topic.name),
  };
}

/** The reads behind the pages answer within a bound, so a page says Kafka is unavailable instead of waiting. */
const live = { deadlineMs: LIVE_READ_DEADLINE_MS };

const partitionIds = (topic: TopicMetadata) => ({ name: topic.name, partitions: topic.partitions.map((p) => p.partitionId) });

export function listTopics(cluster: ClusterConfig): Promise<TopicSummary[]> {
  return withKafka(
    cluster,
    async () => {
      const metadata = await readTopicMetadata(cluster);
      const watermarks = await readWatermarks(cluster, metadata.map(partitionIds));
      return metadata.map((t) => summarise(cluster, t, watermarks)).sort((a, b) => a.name.localeCompare(b.name));
    },
    live,
  );
}

export function describeTopic(cluster: ClusterConfig, name: string): Promise<TopicDetails> {
  return withKafka(
    cluster,
    async () => {
      // Look the topic up in the full listing: a metadata request naming an unknown topic can auto-create it.
      const metadata = await readTopicMetadata(cluster);
      const topic = metadata.find((t) => t.name === name);
      if (!topic) throw new RedriveError("not_found", `Topic "${name}" does not exist on cluster ${cluster.id}`);
      const groups = await readGroupLag(cluster, metadata, { topic: name });
      const watermarks = groups.watermarks;
      const partitions = [...topic.partitions]
        .sort((a, b) => a.partitionId - b.partitionId)
        .map((p) => {
          const w = watermarks.get(name)?.get(p.partitionId) ?? { low: 0n, high: 0n };
          return {
            partition: p.partitionId,
            leader: p.leader,
            replicas: p.replicas,
            isr: p.isr,
            low: w.low.toString(),
            high: w.high.toString(),
            messages: (w.high - w.low).toString(),
          };
        });
      const { name: topicName, replicationFactor, messages, isDlq, isInternal } = summarise(cluster, topic, watermarks);
      return {
        name: topicName,
        replicationFactor,
        messages,
        isDlq,
        isInternal,
        partitions,
        groups: groups.groups
          .filter((g) => g.offsets.length > 0)
          .map((g) => ({ groupId: g.groupId, state: g.state, lag: g.totalLag, offsets: g.offsets })),
      };
    },
    live,
  );
}

export function listGroups(cluster: ClusterConfig): Promise<GroupSummary[]> {
  return withKafka(
    cluster,
    async () => {
      const { groups } = await readGroupLag(cluster, await readTopicMetadata(cluster));
      return groups.map(({ groupId, state, protocolType, members, totalLag, topics }) => ({
        groupId,
        state,
        protocolType,
        members: members.length,
        totalLag,
        topics,
      }));
    },
    live,
  );
}

export function describeGroup(cluster: ClusterConfig, groupId: string): Promise<GroupDetails> {
  return withKafka(
    cluster,
    async () => {
      const { groups } = await readGroupLag(cluster, await readTopicMetadata(cluster), { groupId });
      const group = groups[0];
      if (!group) throw new RedriveError("not_found", `Consumer group "${groupId}" does not exist on cluster ${cluster.id}`);
      return group;
    },
    live,
  );
}

/** Every group with its offsets and lag, in one pass: what lag sampling, alerts and /api/metrics read. */
export function describeAllGroups(cluster: ClusterConfig): Promise<GroupDetails[]> {
  return withKafka(cluster, async () => (await readGroupLag(cluster, await readTopicMetadata(cluster))).groups);
}

function decodeMembers(description: GroupDescription): GroupMember[] {
  return description.members.map((member) => {
    let assignment: Record<string, number[]> = {};
    if (description.protocolType === "consumer" && member.memberAssignment.length > 0) {
      try {
        assignment = AssignerProtocol.MemberAssignment.decode(member.memberAssignment)?.assignment ?? {};
      } catch {
        // A client with a custom assignor may write bytes the standard decoder cannot read; show no assignment.
      }
    }
    return {
      memberId: member.memberId,
      clientId: member.clientId,
      clientHost: member.clientHost,
      assignments: Object.entries(assignment)
        .map(([topic, partitions]) => ({ topic, partitions: [...partitions].sort((a, b) => a - b) }))
        .sort((a, b) => a.topic.localeCompare(b.topic)),
    };
  });
}

interface GroupLagRead {
  groups: GroupDetails[];
  watermarks: WatermarksByTopic;
}

/**
 * Reads groups with their lag: one DescribeGroups per coordinator, one OffsetFetch per group (all its topics
 * at once), and one batched watermark read for every topic involved. With `topic`, keeps only that topic's
 * offsets; with `groupId`, reads just that group (none if it does not exist).
 */
async function readGroupLag(
  cluster: ClusterConfig,
  metadata: TopicMetadata[],
  only: { topic?: string; groupId?: string } = {},
): Promise<GroupLagRead> {
  const admin = await adminFor(cluster);
  const listed = (await admin.listGroups()).groups.filter((g) => !only.groupId || g.groupId === only.groupId);
  const ids = listed.map((g) => g.groupId);
  const [described, committed] = await Promise.all([
    ids.length > 0 ? admin.describeGroups(ids) : Promise.resolve({ groups: [] as GroupDescription[] }),
    Promise.all(ids.map((groupId) => admin.fetchOffsets({ groupId }))),
  ]);
  const topicsByName = new Map(metadata.map((t) => [t.name, t]));

  const perGroup = listed.map(({ groupId, protocolType }, index) => {
    const description = described.groups.find((d) => d.groupId === groupId);
    const members = description ? decodeMembers(description) : [];
    const committedByTopic = new Map(
      (committed[index] ?? []).map(({ topic, partitions }) => [
        topic,
        new Map(partitions.map((p) => [p.partition, parseCommittedOffset(p.offset)])),
      ]),
    );
    const topics = new Set([...committedByTopic.keys(), ...members.flatMap((m) => m.assignments.map((a) => a.topic))]);
    const present = [...topics].filter((t) => topicsByName.has(t) && (!only.topic || t === only.topic)).sort();
    return { groupId, protocolType, description, members, committedByTopic, topics: present };
  });

  const involved = [...new Set(perGroup.flatMap((g) => g.topics))].map((t) => partitionIds(topicsByName.get(t)!));
  if (only.topic && !involved.some((t) => t.name === only.topic)) {
    const topic = topicsByName.get(only.topic);
    if (topic) involved.push(partitionIds(topic));
  }
  const watermarks = await readWatermarks(cluster, involved);

  const groups = perGroup.map((g): GroupDetails => {
    const offsets: GroupPartitionLag[] = g.topics.flatMap((topic) =>
      topicsByName
        .get(topic)!
        .partitions.map((p) => p.partitionId)
        .sort((a, b) => a - b)
        .map((partition) => {
          const w = watermarks.get(topic)?.get(partition) ?? { low: 0n, high: 0n };
          const committedOffset = g.committedByTopic.get(topic)?.get(partition) ?? null;
          const lag = partitionLag(committedOffset, w);
          return {
            topic,
            partition,
            committed: committedOffset?.toString() ?? null,
            logEnd: w.high.toString(),
            lag: lag?.toString() ?? null,
          };
        }),
    );
    const lag = totalLag(offsets.map((o) => (o.lag === null ? null : BigInt(o.lag))));
    return {
      groupId: g.groupId,
      state: g.description?.state ?? "Unknown",
      protocolType: g.protocolType || g.description?.protocolType || "",
      protocol: g.description?.protocol ?? "",
      members: g.members,
      totalLag: lag?.toString() ?? null,
      topics: g.topics,
      offsets,
    };
  });
  return { groups: groups.sort((a, b) => a.groupId.localeCompare(b.groupId)), watermarks };
}
