// Every group's lag, read live from Kafka for the metrics scrape, alert evaluation and lag sampling — one read shared
// by whoever asks within a few seconds, and bounded in time, so frequent scrapes do not multiply admin requests
// and a hanging broker cannot hold a scrape up.
import "server-only";
import type { GroupDetails } from "@/lib/api/schemas";
import type { ClusterConfig } from "@/lib/config/clusters";
import { describeAllGroups } from "@/lib/kafka/cluster-reads";

const FRESH_MS = 5_000;
const TIMEOUT_MS = 8_000;

interface Read {
  at: number;
  groups: Promise<GroupDetails[]>;
}

const reads = ((globalThis as { __redriveLiveGroups?: Map<string, Read> }).__redriveLiveGroups ??= new Map());

function withTimeout<T>(promise: Promise<T>, cluster: ClusterConfig): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`Kafka at ${cluster.brokers.join(",")} did not answer within ${TIMEOUT_MS / 1000} s`)), TIMEOUT_MS).unref()),
  ]);
}

/** The cluster's groups with lag, at most FRESH_MS old; a failed read is not kept, so the next caller retries. */
export function readLiveGroups(cluster: ClusterConfig): Promise<GroupDetails[]> {
  const now = Date.now();
  const cached = reads.get(cluster.id);
  if (cached && now - cached.at < FRESH_MS) return cached.groups;
  const groups = withTimeout(describeAllGroups(cluster), cluster);
  const read = { at: now, groups };
  reads.set(cluster.id, read);
  groups.catch(() => {
    if (reads.get(cluster.id) === read) reads.delete(cluster.id);
  });
  return groups;
}
