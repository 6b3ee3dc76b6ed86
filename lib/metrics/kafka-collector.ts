// Consumer lag read live from Kafka's admin API: per group and topic, the indexer's own lag per DLQ topic, and
// whether Kafka answered. A Kafka outage sets redrive_kafka_up 0 and leaves the lag series out; the scrape still
// answers 200 with everything the store knows.
import "server-only";
import { Gauge } from "prom-client";
import { listClusters } from "@/lib/config/clusters";
import type { GroupDetails } from "@/lib/contract/schemas";
import { indexerGroupId } from "@/lib/indexing/indexer-group";
import { readLiveGroups } from "@/lib/monitoring/live-groups";
import type { MetricsCollector } from "./registry";

const kafkaUp = new Gauge({
  name: "redrive_kafka_up",
  help: "1 when the cluster's admin API answered this scrape, 0 when it did not",
  labelNames: ["cluster"],
  registers: [],
});
const groupLag = new Gauge({
  name: "redrive_consumer_group_lag",
  help: "Consumer lag (log end - committed) summed over the topic's partitions with a committed offset",
  labelNames: ["cluster", "group", "topic"],
  registers: [],
});
const groupMembers = new Gauge({
  name: "redrive_consumer_group_members",
  help: "Members of the consumer group",
  labelNames: ["cluster", "group", "state"],
  registers: [],
});
const indexerLag = new Gauge({
  name: "redrive_indexer_lag",
  help: "Records of the DLQ topic the Redrive indexer has not read yet",
  labelNames: ["cluster", "topic"],
  registers: [],
});

/** Lag per topic of one group; topics without any committed offset have no lag to report. */
function lagByTopic(group: GroupDetails): Map<string, number> {
  const byTopic = new Map<string, number>();
  for (const offset of group.offsets) {
    if (offset.lag === null) continue;
    byTopic.set(offset.topic, (byTopic.get(offset.topic) ?? 0) + Number(offset.lag));
  }
  return byTopic;
}

export const kafkaCollector: MetricsCollector = {
  name: "kafka",
  metrics: [kafkaUp, groupLag, groupMembers, indexerLag],
  async collect({ store }) {
    const indexerGroup = await indexerGroupId(store);
    const reads = await Promise.all(
      listClusters().map(async (cluster) => ({ cluster: cluster.id, groups: await readLiveGroups(cluster).catch(() => null) })),
    );
    for (const metric of [kafkaUp, groupLag, groupMembers, indexerLag]) metric.reset();
    for (const { cluster, groups } of reads) {
      kafkaUp.set({ cluster }, groups ? 1 : 0);
      for (const group of groups ?? []) {
        groupMembers.set({ cluster, group: group.groupId, state: group.state }, group.members.length);
        for (const [topic, lag] of lagByTopic(group)) {
          groupLag.set({ cluster, group: group.groupId, topic }, lag);
          if (group.groupId === indexerGroup) indexerLag.set({ cluster, topic }, lag);
        }
      }
    }
  },
};
