// What a Kafka call that failed is waiting for, named from what kafkajs's errors carry: the broker it could not reach
// (connection and timeout errors carry "host:port"), or the partition without a leader (errors that carry topic and
// partition). Pure: the job runner and the indexer's status both say it the same way.
import { errorChain } from "@/lib/error-chain";

const LEADER_ERRORS = new Set(["LEADER_NOT_AVAILABLE", "NOT_LEADER_OR_FOLLOWER", "NOT_LEADER_FOR_PARTITION"]);

type Carrier = Error & { type?: string; broker?: unknown; host?: unknown; port?: unknown; topic?: unknown; partition?: unknown };

function brokerOf(error: Carrier): string | null {
  if (typeof error.broker === "string" && error.broker.includes(":")) return error.broker;
  if (typeof error.host === "string" && error.port !== undefined) return `${error.host}:${String(error.port)}`;
  return null;
}

/**
 * "waiting for a leader of orders/1" or "waiting for broker 127.0.0.1:19893 (node 2)", or null when the error names
 * neither. `nodes` maps "host:port" to the node id last seen there; without an entry, the node goes unnamed.
 */
export function describeKafkaWait(error: unknown, nodes: ReadonlyMap<string, number> = new Map()): string | null {
  const chain = errorChain(error) as Carrier[];
  if (chain.some((e) => e.type !== undefined && LEADER_ERRORS.has(e.type))) {
    const at = chain.find((e) => typeof e.topic === "string" && typeof e.partition === "number");
    if (at) return `waiting for a leader of ${String(at.topic)}/${String(at.partition)}`;
  }
  for (const e of chain) {
    const broker = brokerOf(e);
    if (broker === null) continue;
    const node = nodes.get(broker);
    return `waiting for broker ${broker}${node === undefined ? "" : ` (node ${node})`}`;
  }
  return null;
}
