// Producing a redelivery: one record, idempotent producer, acks=-1, headers in order (duplicates and nulls kept),
// a fresh timestamp. Failures come back as RedriveErrors that say what went wrong, and whether the record may have
// been written.
import type { ClusterConfig } from "@/lib/config/clusters";
import type { RedeliveryMessage } from "@/lib/dlq/redelivery";
import { errorChain } from "@/lib/error-chain";
import { RedriveError } from "@/lib/errors";
import { adminFor, ProducerUnavailableError, withKafka, withProducer } from "./clients";
import { withOrderedHeaders } from "./ordered-headers";

export interface Produced {
  topic: string;
  partition: number;
  offset: string;
}

/** validation_failed when the topic does not exist (a producer would otherwise wait on metadata for it). */
export async function assertTopicExists(cluster: ClusterConfig, topic: string): Promise<void> {
  const topics = await withKafka(cluster, async () => (await adminFor(cluster)).listTopics());
  if (!topics.includes(topic))
    throw new RedriveError("validation_failed", `Target topic "${topic}" does not exist on cluster ${cluster.id}`);
}

/**
 * Kafka refused the record before writing it (the producer never connected, or the broker answered with a refusal
 * that comes before the append): nobody needs to look for it in the target. `nothingWritten` is what the triage
 * use cases look for in an error's chain; every other failure of a send may have been written.
 */
export class NotWrittenError extends RedriveError {
  readonly nothingWritten = true;
}

/** Answers the broker gives before appending anything; a retried request that ends in one never wrote the record earlier either. */
const REFUSED_BEFORE_APPEND = new Set([
  "MESSAGE_TOO_LARGE",
  "RECORD_LIST_TOO_LARGE",
  "TOPIC_AUTHORIZATION_FAILED",
  "CLUSTER_AUTHORIZATION_FAILED",
  "INVALID_TOPIC_EXCEPTION",
  "CORRUPT_MESSAGE",
  "INVALID_RECORD",
  "INVALID_TIMESTAMP",
  "INVALID_REQUIRED_ACKS",
  "UNSUPPORTED_FOR_MESSAGE_FORMAT",
]);

/** The error to give for a send Kafka refused before writing it; null when the record may have been written. */
export function sendRefusal(error: unknown, topic: string): NotWrittenError | null {
  const type = errorChain(error).find((e) => e.type !== undefined)?.type;
  if (type === undefined || !REFUSED_BEFORE_APPEND.has(type)) return null;
  if (type === "MESSAGE_TOO_LARGE" || type === "RECORD_LIST_TOO_LARGE") {
    return new NotWrittenError("payload_too_large", `Topic "${topic}" refused the record as too large (its max.message.bytes is smaller)`);
  }
  if (type.endsWith("_AUTHORIZATION_FAILED")) {
    return new NotWrittenError("kafka_error", `Redrive is not authorised to write to topic "${topic}"`);
  }
  return new NotWrittenError("kafka_error", `Topic "${topic}" refused the record: ${(error as Error).message}`, { cause: error });
}

/**
 * Sends one redelivery. A producer that once sent to a topic since deleted fails every send while it refreshes its
 * metadata, before anything is sent: that failure retires it, and withKafka sends once more with a fresh one. A failure that is
 * not a NotWrittenError (a timeout, a lost connection, NOT_ENOUGH_REPLICAS_AFTER_APPEND, …) may have been written.
 */
export async function produceRedelivery(cluster: ClusterConfig, topic: string, message: RedeliveryMessage): Promise<Produced> {
  return withKafka(
    cluster,
    async () => {
      try {
        return await withProducer(cluster, async (producer) => {
          const [result] = await producer.send({
            topic,
            acks: -1,
            messages: [withOrderedHeaders({ key: message.key, value: message.value, timestamp: Date.now().toString() }, message.headers)],
          });
          if (!result || result.baseOffset === undefined) throw new Error("the broker did not say where the record went");
          return { topic, partition: result.partition, offset: result.baseOffset };
        });
      } catch (error) {
        // Not connected, so not sent.
        if (error instanceof ProducerUnavailableError)
          throw new NotWrittenError("kafka_unavailable", `Kafka at ${cluster.brokers.join(",")} is not reachable`, { cause: error });
        throw sendRefusal(error, topic) ?? error;
      }
    },
    { retryOnStaleTopic: true },
  );
}
