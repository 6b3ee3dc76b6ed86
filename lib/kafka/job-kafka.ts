// The Kafka side of bulk jobs and reconciliation for one cluster. It fits triage's JobKafka port by its shape (the
// wiring assigns it to that port), so this adapter imports nothing of the use cases.
import type { ClusterConfig } from "@/lib/config/clusters";
import type { RedeliveryMessage } from "@/lib/dlq/redelivery";
import { brokerNodes } from "./broker-reads";
import { findRedeliveries } from "./find-redeliveries";
import { produceRedelivery } from "./redeliver";
import { produceRedeliveryBatch, topicNames, type BatchRecord } from "./redelivery-batch";

/**
 * A batch asks which topics exist; a list a few seconds old spares a metadata call per batch. It is good enough only
 * to say that a topic exists: a topic created a moment ago (the operator made the target, then started the job) is
 * missing from it, so a list that lacks a topic the caller needs is read again before anyone is told it is missing.
 */
const TOPIC_LIST_MAX_AGE_MS = 5_000;

export function jobKafkaFor(cluster: ClusterConfig) {
  let topics: { at: number; names: Set<string> } | undefined;
  return {
    async topicNames(needed: Iterable<string> = []): Promise<Set<string>> {
      const stale = !topics || Date.now() - topics.at > TOPIC_LIST_MAX_AGE_MS;
      if (stale || [...needed].some((topic) => !topics!.names.has(topic))) topics = { at: Date.now(), names: await topicNames(cluster) };
      return topics!.names;
    },
    produceBatch: (records: readonly BatchRecord[]) => produceRedeliveryBatch(cluster, records),
    produceOne: (topic: string, message: RedeliveryMessage) => produceRedelivery(cluster, topic, message),
    findRedeliveries: (topic: string, sinceMs: number, ids: ReadonlySet<string>) => findRedeliveries(cluster, topic, sinceMs, ids),
    brokerNodes: () => brokerNodes(cluster.id),
  };
}
