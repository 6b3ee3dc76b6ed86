// The indexer's failures in an operator's words: kafkajs's own, with what to grant or where the brokers are.
import { describeKafkaWait } from "@/lib/cluster/kafka-wait";
import { errorChain } from "@/lib/error-chain";
import { isConnectivityError } from "./clients";

/**
 * An error as an operator reads it: kafkajs's own words, with where the brokers are when they could not be reached and
 * which one (or which partition's leader) the read waits for. `nodes` maps "host:port" to the node id seen there.
 */
export function describeFailure(error: unknown, brokers: readonly string[], nodes?: ReadonlyMap<string, number>): string {
  const message = error instanceof Error ? error.message : String(error);
  const chain = errorChain(error);
  if (chain.some((e) => e.type === "GROUP_AUTHORIZATION_FAILED" || e.name === "KafkaJSGroupCoordinatorNotFound")) {
    return `${message} (where the cluster enforces ACLs, grant Redrive's Kafka user READ on groups prefixed "redrive-")`;
  }
  if (chain.some((e) => e.type === "TOPIC_AUTHORIZATION_FAILED")) return `${message} (grant Redrive's Kafka user READ on the DLQ topics)`;
  if (isConnectivityError(error)) {
    const wait = describeKafkaWait(error, nodes);
    return `Kafka at ${brokers.join(",")} is not reachable${wait ? ` — ${wait}` : ""}: ${message}`;
  }
  return message;
}
