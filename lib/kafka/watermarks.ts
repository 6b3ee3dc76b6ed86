// Low and high offsets for many topics at once: one metadata request and one ListOffsets request per leader
// broker for each end, however many topics are asked for.
import "server-only";
import type { ClusterConfig } from "@/lib/config/clusters";
import type { Watermarks } from "@/lib/cluster/lag";
import { offsetClusterFor } from "./clients";

export type WatermarksByTopic = Map<string, Map<number, Watermarks>>;

// The internal cluster routes requests by the topics it targets; concurrent reads must not swap them
// under each other, so reads on one cluster take turns.
const queues = new Map<string, Promise<unknown>>();

function serialised<T>(clusterId: string, task: () => Promise<T>): Promise<T> {
  const previous = queues.get(clusterId) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(task);
  queues.set(clusterId, next);
  return next;
}

export function readWatermarks(cluster: ClusterConfig, topics: { name: string; partitions: number[] }[]): Promise<WatermarksByTopic> {
  const wanted = topics.filter((t) => t.partitions.length > 0);
  if (wanted.length === 0) return Promise.resolve(new Map());
  return serialised(cluster.id, async () => {
    const offsets = await offsetClusterFor(cluster);
    offsets.targetTopics = new Set(wanted.map((t) => t.name));
    await offsets.refreshMetadata();
    const request = (fromBeginning: boolean) =>
      wanted.map((t) => ({ topic: t.name, fromBeginning, partitions: t.partitions.map((partition) => ({ partition })) }));
    const [highs, lows] = await Promise.all([offsets.fetchTopicsOffset(request(false)), offsets.fetchTopicsOffset(request(true))]);
    const result: WatermarksByTopic = new Map();
    for (const { topic, partitions } of highs) {
      const byPartition = new Map<number, Watermarks>();
      for (const { partition, offset } of partitions) byPartition.set(partition, { low: 0n, high: BigInt(offset) });
      result.set(topic, byPartition);
    }
    for (const { topic, partitions } of lows) {
      for (const { partition, offset } of partitions) {
        const entry = result.get(topic)?.get(partition);
        if (entry) entry.low = BigInt(offset);
      }
    }
    return result;
  });
}
