// Producing many redeliveries in one request, and knowing where each record went. Partitions are chosen here,
// with the producer's own default (murmur2) partitioner, so that every record's offset follows from its
// partition's base offset and its place in the batch.
import { Partitioners, type PartitionMetadata } from "kafkajs";
import type { ClusterConfig } from "@/lib/config/clusters";
import type { RedeliveryMessage } from "@/lib/dlq/redelivery";
import { errorChain } from "@/lib/error-chain";
import { adminFor, withKafka, withProducer } from "./clients";
import { withOrderedHeaders } from "./ordered-headers";
import type { Produced } from "./redeliver";

export interface BatchRecord extends RedeliveryMessage {
  topic: string;
}

const partitionMetadata = new Map<string, { at: number; partitions: PartitionMetadata[] }>();
const METADATA_MAX_AGE_MS = 30_000;
const partitioner = Partitioners.DefaultPartitioner();

async function partitionsOf(cluster: ClusterConfig, topic: string): Promise<PartitionMetadata[]> {
  const key = `${cluster.id}\u0000${topic}`;
  const cached = partitionMetadata.get(key);
  if (cached && Date.now() - cached.at < METADATA_MAX_AGE_MS) return cached.partitions;
  const { topics } = await (await adminFor(cluster)).fetchTopicMetadata({ topics: [topic] });
  const partitions = topics[0]?.partitions ?? [];
  partitionMetadata.set(key, { at: Date.now(), partitions });
  return partitions;
}

/** The topics that exist on the cluster now. */
export function topicNames(cluster: ClusterConfig): Promise<Set<string>> {
  return withKafka(cluster, async () => new Set(await (await adminFor(cluster)).listTopics()));
}

/**
 * Sends the records in one produce request (the jobs' producer: acks=-1, no retries, fresh timestamps) and answers each
 * record's coordinates, in the order given. Throws as a whole when Kafka refuses any part: the caller then finds
 * out from the topics themselves which records were written.
 */
export async function produceRedeliveryBatch(cluster: ClusterConfig, records: readonly BatchRecord[]): Promise<Produced[]> {
  return withKafka(
    cluster,
    async () => {
      const timestamp = Date.now().toString();
      const byTopic = new Map<string, { partitions: PartitionMetadata[]; messages: ReturnType<typeof withOrderedHeaders>[] }>();
      const placed: { topic: string; partition: number; index: number }[] = [];
      const perPartition = new Map<string, number>();
      for (const record of records) {
        let entry = byTopic.get(record.topic);
        if (!entry) byTopic.set(record.topic, (entry = { partitions: await partitionsOf(cluster, record.topic), messages: [] }));
        const message = withOrderedHeaders({ key: record.key, value: record.value, timestamp }, record.headers);
        const partition = partitioner({ topic: record.topic, partitionMetadata: entry.partitions, message });
        entry.messages.push({ ...message, partition });
        const slot = `${record.topic}\u0000${partition}`;
        const index = perPartition.get(slot) ?? 0;
        perPartition.set(slot, index + 1);
        placed.push({ topic: record.topic, partition, index });
      }
      try {
        const results = await withProducer(
          cluster,
          (producer) => producer.sendBatch({ acks: -1, topicMessages: [...byTopic].map(([topic, { messages }]) => ({ topic, messages })) }),
          "batch",
        );
        const base = new Map(results.map((r) => [`${r.topicName}\u0000${r.partition}`, r.baseOffset]));
        return placed.map(({ topic, partition, index }) => {
          const baseOffset = base.get(`${topic}\u0000${partition}`);
          if (baseOffset === undefined) throw new Error(`the broker did not say where the records for ${topic}/${partition} went`);
          return { topic, partition, offset: (BigInt(baseOffset) + BigInt(index)).toString() };
        });
      } catch (error) {
        // The partitions known for these topics may be why (a topic recreated with fewer): the next try asks again.
        for (const topic of byTopic.keys()) partitionMetadata.delete(`${cluster.id}\u0000${topic}`);
        // A batch for one topic that Redrive may not write to: the broker wrote none of it, so there is nothing to look for.
        if (byTopic.size === 1 && errorChain(error).some((e) => e.type === "TOPIC_AUTHORIZATION_FAILED"))
          throw new BatchNotWrittenError(error);
        throw error;
      }
      // As for one redelivery (see produceRedelivery): a client left stale by a deleted topic is replaced and the batch
      // sent once more, which is safe because it failed before sending.
    },
    { retryOnStaleTopic: true },
  );
}

/** Kafka refused a whole batch in a way that means it wrote none of it (JobKafka's `nothingWritten`). */
export class BatchNotWrittenError extends Error {
  readonly nothingWritten = true;

  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.name = "BatchNotWrittenError";
  }
}
