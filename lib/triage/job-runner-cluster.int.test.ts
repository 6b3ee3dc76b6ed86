// One job runner per cluster: a runner given a cluster claims only that cluster's jobs, so a cluster whose brokers do
// not answer (its job waiting on Kafka) holds up no other cluster's jobs.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uniqueName } from "@/e2e/support/kafka-seed";
import { actorFor } from "@/lib/auth/actor";
import { claimNextJob, getJob } from "@/lib/store/job-queries";
import type { Store } from "@/lib/store/open-store";
import { openTestStore, storeBackends } from "@/test/store-backends";
import { seedDlq, waitForJob } from "./jobs.fixture";
import type { JobKafka } from "./job-batch";
import { JobRunner } from "./job-runner";
import { createJob } from "./jobs";

const operator = actorFor("user", "u1", "olga", "operator", "127.0.0.1");
// Discard jobs never reach Kafka.
const noKafka = { topicNames: async () => new Set<string>() } as unknown as JobKafka;
const [pglite] = (await storeBackends()).filter((b) => b.name === "pglite");

describe("a job runner of one cluster", () => {
  let store: Store;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ store, dispose } = await openTestStore(pglite!));
  });
  afterAll(() => dispose());

  it("claims and runs only its own cluster's jobs", async () => {
    const dlq = `${uniqueName("runner-cluster")}.DLT`;
    await seedDlq(store, dlq, [{ originalTopic: "orders", exceptionClass: "com.shop.Broken", count: 3 }]);
    const job = await createJob(
      store,
      { cluster: "default", topic: dlq },
      { action: "discard", messages: [{ partition: 0, offset: "0" }], reason: "test" },
      operator,
      async () => new Set(),
    );

    expect(await claimNextJob(store, "other-runner", 1_000, false, "second")).toBeNull();
    const other = new JobRunner({
      store,
      kafkaFor: () => noKafka,
      cluster: "second",
      runnerId: "second-runner",
      takeOverAny: true,
      pollMs: 50,
    });
    other.start();
    await new Promise((r) => setTimeout(r, 500));
    await other.stop();
    expect(await getJob(store.db, job.jobId)).toMatchObject({ state: "running", done: 0, runnerId: null });

    const own = new JobRunner({
      store,
      kafkaFor: () => noKafka,
      cluster: "default",
      runnerId: "default-runner",
      takeOverAny: true,
      pollMs: 50,
    });
    own.start();
    await waitForJob(store, job.jobId, (j) => j.state === "completed");
    await own.stop();
  });
});
