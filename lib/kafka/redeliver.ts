// Producing a redelivery: one record, idempotent producer, acks=-1, headers in order (duplicates and nulls kept),
// a fresh timestamp. Failures come back as API errors that say what went wrong.
import type { ClusterConfig } from "@/lib/config/clusters";
import { ApiError } from "@/lib/api/errors";
import type { RedeliveryMessage } from "@/lib/dlq/redelivery";
import { adminFor, producerFor, withKafka } from "./clients";
import { withOrderedHeaders } from "./ordered-headers";

export interface Produced {
  topic: string;
  partition: number;
  offset: string;
}

/** 422 when the topic does not exist (a producer would otherwise wait on metadata for it). */
export async function assertTopicExists(cluster: ClusterConfig, topic: string): Promise<void> {
  const topics = await withKafka(cluster, async () => (await adminFor(cluster)).listTopics());
  if (!topics.includes(topic)) throw new ApiError("validation_failed", `Target topic "${topic}" does not exist on cluster ${cluster.id}`);
}

/**
 * Sends one redelivery. A producer that once sent to a topic since deleted fails every send while it refreshes its
 * metadata, before anything is sent: withKafka then drops it and sends once more with a fresh one.
 */
export async function produceRedelivery(cluster: ClusterConfig, topic: string, message: RedeliveryMessage): Promise<Produced> {
  return withKafka(cluster, async () => {
    const producer = await producerFor(cluster);
    try {
      const [result] = await producer.send({
        topic,
        acks: -1,
        messages: [withOrderedHeaders({ key: message.key, value: message.value, timestamp: Date.now().toString() }, message.headers)],
      });
      if (!result || result.baseOffset === undefined) throw new Error("the broker did not say where the record went");
      return { topic, partition: result.partition, offset: result.baseOffset };
    } catch (error) {
      const type = (error as { type?: string }).type;
      if (type === "MESSAGE_TOO_LARGE" || type === "RECORD_LIST_TOO_LARGE") {
        throw new ApiError("payload_too_large", `Topic "${topic}" refused the record as too large (its max.message.bytes is smaller)`);
      }
      if (type === "TOPIC_AUTHORIZATION_FAILED") throw new ApiError("kafka_error", `Redrive is not authorised to write to topic "${topic}"`);
      throw error;
    }
  }, { retryOnStaleTopic: true });
}
