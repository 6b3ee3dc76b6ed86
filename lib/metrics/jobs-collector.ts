// Bulk job progress from the store: jobs by state, messages settled by all jobs (a counter per outcome), and each
// unfinished job's done/failed/skipped/remaining and measured rate. Finished jobs leave the per-job series, so
// their number stays that of the jobs in hand.
import "server-only";
import { sql } from "drizzle-orm";
import { Counter, Gauge } from "prom-client";
import { listClusters } from "@/lib/config/clusters";
import { triageJob } from "@/lib/store/job-schema";
import type { MetricsCollector } from "./registry";

const jobs = new Gauge({ name: "redrive_jobs", help: "Bulk jobs by cluster and state", labelNames: ["cluster", "state"], registers: [] });
const settled = new Counter({
  name: "redrive_job_messages_total",
  help: "Messages settled by bulk jobs, by cluster, action and outcome (done, failed, skipped)",
  labelNames: ["cluster", "action", "outcome"],
  registers: [],
});
const progress = new Gauge({
  name: "redrive_job_messages",
  help: "An unfinished bulk job's messages by outcome (done, failed, skipped, remaining)",
  labelNames: ["job", "cluster", "topic", "action", "state", "outcome"],
  registers: [],
});
const rate = new Gauge({
  name: "redrive_job_rate_messages_per_second",
  help: "A running bulk job's recent rate",
  labelNames: ["job", "cluster", "topic", "action"],
  registers: [],
});

export const jobsCollector: MetricsCollector = {
  name: "jobs",
  metrics: [jobs, settled, progress, rate],
  async collect({ store }) {
    const j = triageJob;
    const [byState, totals, open] = await Promise.all([
      store.db
        .select({ cluster: j.cluster, state: j.state, n: sql<number>`count(*)::integer` })
        .from(j)
        .groupBy(j.cluster, j.state),
      store.db
        .select({
          cluster: j.cluster,
          action: j.action,
          done: sql<number>`sum(${j.done})::bigint`,
          failed: sql<number>`sum(${j.failed})::bigint`,
          skipped: sql<number>`sum(${j.skipped})::bigint`,
        })
        .from(j)
        .groupBy(j.cluster, j.action),
      store.db
        .select()
        .from(j)
        .where(sql`${j.state} in ('running', 'waiting', 'paused')`),
    ]);
    for (const metric of [jobs, settled, progress, rate]) metric.reset();
    // Every configured cluster shows each state, 0 included; a cluster since removed shows while it has jobs.
    for (const { id: cluster } of listClusters())
      for (const state of ["running", "waiting", "paused", "cancelled", "completed"]) jobs.set({ cluster, state }, 0);
    for (const { cluster, state, n } of byState) jobs.set({ cluster, state }, Number(n));
    for (const t of totals)
      for (const outcome of ["done", "failed", "skipped"] as const)
        settled.inc({ cluster: t.cluster, action: t.action, outcome }, Number(t[outcome] ?? 0));
    for (const job of open) {
      const labels = { job: job.id, cluster: job.cluster, topic: job.topic, action: job.action };
      const remaining = Math.max(0, job.total - job.done - job.failed - job.skipped);
      for (const [outcome, value] of [
        ["done", job.done],
        ["failed", job.failed],
        ["skipped", job.skipped],
        ["remaining", remaining],
      ] as const) {
        progress.set({ ...labels, state: job.state, outcome }, value);
      }
      if (job.state === "running" && job.rate !== null) rate.set(labels, job.rate);
    }
  },
};
