// Job progress in /api/metrics, against both stores: jobs by state, messages settled per action and outcome, and an
// unfinished job's own series (which a finished job leaves).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorFor } from "@/lib/auth/actor";
import type { Store } from "@/lib/store/open-store";
import { JobRunner } from "@/lib/triage/job-runner";
import type { JobKafka } from "@/lib/triage/job-batch";
import { controlJob, createJob } from "@/lib/triage/jobs";
import { seedDlq, waitForJob } from "@/lib/triage/jobs.fixture";
import { parsePrometheusText, sampleValue } from "@/test/prometheus-text";
import { openTestStore, storeBackends } from "@/test/store-backends";
import { uniqueName } from "@/e2e/support/kafka-seed";

const { renderMetrics } = await import("./default-collectors");
const backends = await storeBackends();
const operator = actorFor("user", "u1", "olga", "operator", "127.0.0.1");
// Discard jobs never reach Kafka; a redeliver job that is paused before it runs does not either.
const noKafka = { topicNames: async () => new Set<string>() } as unknown as JobKafka;

describe.each(backends)("job metrics on $name", (backend) => {
  let store: Store;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ store, dispose } = await openTestStore(backend));
  });
  afterAll(() => dispose());

  it("reports jobs by state, settled messages by outcome, and each unfinished job's progress", async () => {
    const dlq = `${uniqueName("metrics-jobs")}.DLT`;
    await seedDlq(store, dlq, [{ originalTopic: "orders", exceptionClass: "com.shop.Broken", count: 30 }]);
    const where = { cluster: "default", topic: dlq };
    const paused = await createJob(
      store,
      where,
      {
        action: "redeliver",
        messages: [
          { partition: 0, offset: "20" },
          { partition: 0, offset: "21" },
        ],
      },
      operator,
      async () => new Set(),
    );
    await controlJob(store, paused.jobId, "pause", operator);
    const discarded = await createJob(
      store,
      where,
      { action: "discard", messages: Array.from({ length: 10 }, (_, i) => ({ partition: 0, offset: String(i) })), reason: "test" },
      operator,
      async () => new Set(),
    );
    const runner = new JobRunner({ store, kafkaFor: () => noKafka, runnerId: "metrics", takeOverAny: true, pollMs: 100 });
    runner.start();
    await waitForJob(store, discarded.jobId, (j) => j.state === "completed");
    await runner.stop();

    const samples = parsePrometheusText(await renderMetrics(store));
    expect(sampleValue(samples, "redrive_jobs", { state: "completed" })).toBe(1);
    expect(sampleValue(samples, "redrive_jobs", { state: "paused" })).toBe(1);
    expect(sampleValue(samples, "redrive_jobs", { state: "running" })).toBe(0);
    expect(sampleValue(samples, "redrive_job_messages_total", { action: "discard", outcome: "done" })).toBe(10);
    expect(sampleValue(samples, "redrive_job_messages_total", { action: "redeliver", outcome: "done" })).toBe(0);
    expect(sampleValue(samples, "redrive_job_messages", { job: paused.jobId, state: "paused", outcome: "remaining" })).toBe(2);
    expect(sampleValue(samples, "redrive_job_messages", { job: discarded.jobId })).toBeUndefined();
    expect(sampleValue(samples, "redrive_collector_up", { collector: "jobs" })).toBe(1);
  });
});
