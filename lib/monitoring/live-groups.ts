// Every group's lag, read live from Kafka for the metrics scrape, alert evaluation and lag sampling — one read shared
// by whoever asks within a few seconds, never two at once, and each caller's wait bounded, so frequent scrapes do not
// multiply admin requests and a hanging broker holds no scrape up (nor piles up reads behind it).
import "server-only";
import type { ClusterConfig } from "@/lib/config/clusters";
import type { GroupDetails } from "@/lib/contract/schemas";
import { describeAllGroups } from "@/lib/kafka/cluster-reads";

const FRESH_MS = 5_000;
const TIMEOUT_MS = 8_000;

interface Read {
  /** When the read finished; undefined while it runs. */
  doneAt?: number;
  groups: Promise<GroupDetails[]>;
}

const reads = ((globalThis as { __redriveLiveGroups?: Map<string, Read> }).__redriveLiveGroups ??= new Map());

function startRead(cluster: ClusterConfig): Read {
  const read: Read = { groups: describeAllGroups(cluster) };
  read.groups.then(
    () => (read.doneAt = Date.now()),
    () => {
      // A failed read is not kept: the next caller tries again.
      if (reads.get(cluster.id) === read) reads.delete(cluster.id);
    },
  );
  reads.set(cluster.id, read);
  return read;
}

/** The cluster's groups with lag, at most FRESH_MS old, or a rejection after TIMEOUT_MS (the read itself goes on). */
export function readLiveGroups(cluster: ClusterConfig): Promise<GroupDetails[]> {
  const current = reads.get(cluster.id);
  const fresh = current && (current.doneAt === undefined || Date.now() - current.doneAt < FRESH_MS);
  const read = fresh ? current : startRead(cluster);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`Kafka at ${cluster.brokers.join(",")} did not answer within ${TIMEOUT_MS / 1000} s`)),
      TIMEOUT_MS,
    );
  });
  return Promise.race([read.groups, timeout]).finally(() => clearTimeout(timer));
}
