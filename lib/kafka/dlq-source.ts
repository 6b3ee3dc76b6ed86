// The Kafka side of the indexer (lib/indexing) for one cluster: its DLQ topics by the cluster's pattern, their
// watermarks, and members of the indexer's consumer group. It fits lib/indexing's DlqSource port by its shape (the
// indexer's wiring hands it in), so this adapter imports nothing of the use case.
import type { Consumer, EachBatchPayload } from "kafkajs";
import type { ClusterConfig } from "@/lib/config/clusters";
import type { RecordHeader } from "@/lib/dlq/record-header";
import { isDlqTopic } from "@/lib/dlq/topic-pattern";
import { brokerNodes } from "./broker-reads";
import { adminFor, kafkaFor } from "./clients";
import { describeFailure } from "./indexer-failure";
import { orderedHeaders } from "./ordered-headers";

// Partitions are stored concurrently: on PostgreSQL each batch gets its own connection and core.
const PARTITIONS_STORED_CONCURRENTLY = 4;
// Bigger fetches than kafkajs's 1 MB per partition: fewer round trips and store transactions per record.
const MAX_BYTES_PER_PARTITION = 4 * 1024 * 1024;

export interface FetchedRecord {
  offset: string;
  timestamp: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: RecordHeader[];
}

/** One partition's fetched records and the consumer's controls for them (see lib/indexing/ports.ts). */
export interface FetchedBatch {
  topic: string;
  partition: number;
  records: FetchedRecord[];
  lastOffset(): string;
  resolveOffset(offset: string): void;
  heartbeat(): Promise<void>;
  isRunning(): boolean;
  isStale(): boolean;
}

function fetched({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload): FetchedBatch {
  return {
    topic: batch.topic,
    partition: batch.partition,
    records: batch.messages.map((message) => ({
      offset: message.offset,
      timestamp: message.timestamp,
      key: message.key ?? null,
      value: message.value ?? null,
      headers: orderedHeaders(message),
    })),
    lastOffset: () => batch.lastOffset(),
    resolveOffset,
    heartbeat,
    isRunning,
    isStale,
  };
}

/** A member of the indexer's group, not yet joined. */
function indexerConsumer(cluster: ClusterConfig, groupId: string) {
  // Short session and rebalance timeouts: a member that went away without leaving (a crash, a join cut short)
  // holds up the group's next rebalance for this long, and DLQ topics come and go.
  // Never auto-create: a DLQ topic deleted while subscribed would otherwise come back on the next metadata request.
  const consumer: Consumer = kafkaFor(cluster).consumer({
    groupId,
    readUncommitted: false,
    allowAutoTopicCreation: false,
    sessionTimeout: 10_000,
    rebalanceTimeout: 10_000,
    heartbeatInterval: 1_000,
    maxBytesPerPartition: MAX_BYTES_PER_PARTITION,
  });
  return {
    onJoin(listener: () => void): void {
      consumer.on(consumer.events.GROUP_JOIN, () => listener());
    },
    onCrash(listener: (error: Error, restart: boolean) => void): void {
      consumer.on(consumer.events.CRASH, ({ payload }) => listener(payload.error, payload.restart));
    },
    // A fetch of only transaction markers or aborted records never reaches eachBatch; kafkajs moves its position past
    // them, and says so only in this event.
    onNothingFetched(listener: (topic: string, partition: number, lastOffset: string) => void): void {
      consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
        if (payload.batchSize === 0) listener(payload.topic, payload.partition, payload.lastOffset);
      });
    },
    async run(topics: readonly string[], eachBatch: (batch: FetchedBatch) => Promise<void>): Promise<void> {
      await consumer.connect();
      await consumer.subscribe({ topics: [...topics], fromBeginning: true });
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: PARTITIONS_STORED_CONCURRENTLY,
        eachBatch: (payload) => eachBatch(fetched(payload)),
      });
    },
    disconnect: () => consumer.disconnect(),
    commit: (topic: string, partition: number, offset: string) => consumer.commitOffsets([{ topic, partition, offset }]),
    seek: (topic: string, partition: number, offset: string) => consumer.seek({ topic, partition, offset }),
    pause: (topic: string, partition: number) => consumer.pause([{ topic, partitions: [partition] }]),
    resume: (topic: string, partition: number) => consumer.resume([{ topic, partitions: [partition] }]),
  };
}

export function kafkaDlqSource(cluster: ClusterConfig) {
  return {
    dlqTopics: async (): Promise<string[]> =>
      (await (await adminFor(cluster)).listTopics()).filter((t) => isDlqTopic(t, cluster.dlqPattern)),
    watermarks: async (topic: string) => (await adminFor(cluster)).fetchTopicOffsets(topic),
    consumer: (groupId: string) => indexerConsumer(cluster, groupId),
    describeFailure: (error: unknown) => describeFailure(error, cluster.brokers, brokerNodes(cluster.id)),
  };
}
