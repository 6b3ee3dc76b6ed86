// DLQ depth from the store: records by status, the oldest pending record's age, records indexed (the inflow, as a
// counter for rate()) and failure groups — all from the tables the indexer keeps up to date, never a count of rows.
import "server-only";
import { count, eq } from "drizzle-orm";
import { Counter, Gauge } from "prom-client";
import { listClusters } from "@/lib/config/clusters";
import { summariseDlqs } from "@/lib/store/dlq-queries";
import { dlqFailureGroup } from "@/lib/store/dlq-schema";
import type { MetricsCollector } from "./registry";

const labelNames = ["cluster", "topic"] as const;
const messages = new Gauge({
  name: "redrive_dlq_messages",
  help: "Indexed DLQ records by triage status",
  labelNames: [...labelNames, "status"],
  registers: [],
});
const oldestAge = new Gauge({
  name: "redrive_dlq_oldest_pending_age_seconds",
  help: "Age of the oldest pending record (by record timestamp); 0 when none is pending",
  labelNames,
  registers: [],
});
const indexed = new Counter({
  name: "redrive_dlq_records_indexed_total",
  help: "DLQ records indexed so far (the DLQ's inflow: use rate())",
  labelNames,
  registers: [],
});
const failureGroups = new Gauge({
  name: "redrive_dlq_failure_groups",
  help: "Distinct failure groups (fingerprints) in the DLQ",
  labelNames,
  registers: [],
});

export const dlqCollector: MetricsCollector = {
  name: "dlq",
  metrics: [messages, oldestAge, indexed, failureGroups],
  async collect({ store, now }) {
    const perCluster = await Promise.all(
      listClusters().map(async (cluster) => ({
        cluster: cluster.id,
        dlqs: await summariseDlqs(store, cluster.id),
        groups: await store.db
          .select({ topic: dlqFailureGroup.topic, groups: count() })
          .from(dlqFailureGroup)
          .where(eq(dlqFailureGroup.cluster, cluster.id))
          .groupBy(dlqFailureGroup.topic),
      })),
    );
    for (const metric of [messages, oldestAge, indexed, failureGroups]) metric.reset();
    for (const { cluster, dlqs, groups } of perCluster) {
      for (const dlq of dlqs) {
        const labels = { cluster, topic: dlq.topic };
        messages.set({ ...labels, status: "pending" }, Number(dlq.pending));
        messages.set({ ...labels, status: "redelivered" }, Number(dlq.redelivered));
        messages.set({ ...labels, status: "discarded" }, Number(dlq.discarded));
        oldestAge.set(labels, dlq.oldestPendingAt ? Math.max(0, (now.getTime() - Date.parse(dlq.oldestPendingAt)) / 1000) : 0);
        indexed.inc(labels, Number(dlq.total));
      }
      for (const g of groups) failureGroups.set({ cluster, topic: g.topic }, g.groups);
    }
  },
};
