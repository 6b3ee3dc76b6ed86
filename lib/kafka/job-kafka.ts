// The Kafka side of bulk jobs and reconciliation for one cluster, as the triage use cases see it.
import type { ClusterConfig } from "@/lib/config/clusters";
import type { JobKafka } from "@/lib/triage/job-batch";
import { brokerNodes } from "./broker-reads";
import { findRedeliveries } from "./find-redeliveries";
import { produceRedelivery } from "./redeliver";
import { produceRedeliveryBatch, topicNames } from "./redelivery-batch";

/**
 * A batch asks which topics exist; a list a few seconds old spares a metadata call per batch. It is good enough only
 * to say that a topic exists: a topic created a moment ago (the operator made the target, then started the job) is
 * missing from it, so a list that lacks a topic the caller needs is read again before anyone is told it is missing.
 */
const TOPIC_LIST_MAX_AGE_MS = 5_000;

export function jobKafkaFor(cluster: ClusterConfig): JobKafka {
  let topics: { at: number; names: Set<string> } | undefined;
  return {
    async topicNames(needed = []) {
      const stale = !topics || Date.now() - topics.at > TOPIC_LIST_MAX_AGE_MS;
      if (stale || [...needed].some((topic) => !topics!.names.has(topic))) topics = { at: Date.now(), names: await topicNames(cluster) };
      return topics!.names;
    },
    produceBatch: (records) => produceRedeliveryBatch(cluster, records),
    produceOne: (topic, message) => produceRedelivery(cluster, topic, message),
    findRedeliveries: (topic, sinceMs, ids) => findRedeliveries(cluster, topic, sinceMs, ids),
    brokerNodes: () => brokerNodes(cluster.id),
  };
}
