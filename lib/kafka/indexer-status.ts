// What the indexer reports about itself: its state for the console, and its failures in an operator's words.
import { describeKafkaWait } from "@/lib/cluster/kafka-wait";
import { errorChain } from "@/lib/error-chain";
import { isConnectivityError } from "./clients";

/** What the indexer is doing, for the console to say when what it shows may be out of date. */
export interface IndexerStatus {
  /** "failing" from a failed discovery, join, read or store until one gets through. */
  state: "indexing" | "failing";
  topics: number;
  lastError: string | null;
  lastErrorAt: Date | null;
  /** When the failing began (the first failure since the last step that got through). */
  failingSince: Date | null;
  /** DLQ topics created again over stored records: their new records wait until the old ones are forgotten. */
  heldBack: { topic: string; reason: string; since: Date }[];
}

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
