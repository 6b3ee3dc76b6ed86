// A bulk job across a broker restart: while Kafka is down the job waits (state "waiting", the reason shown), and
// once Kafka is back it carries on by itself and finishes with every record sent exactly once. It runs its own broker
// on another port so the shared test broker is never disturbed.
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KafkaSeed, uniqueName } from "@/e2e/support/kafka-seed";
import { actorFor } from "@/lib/auth/actor";
import type { ClusterConfig } from "@/lib/config/clusters";
import { jobKafkaFor } from "@/lib/kafka/job-kafka";
import { openStore } from "@/lib/store/open-store";
import { storeBackends } from "@/test/store-backends";
import { jobActionId } from "./job-action-id";
import { JobRunner } from "./job-runner";
import { createJob } from "./jobs";
import { header, readTopic, seedDlq, waitForJob } from "./jobs.fixture";

const PORT = 19094;
const brokerEnv = { ...process.env, KAFKA_PORT: String(PORT), KAFKA_CONTROLLER_PORT: "19095", KAFKA_HEAP: "384m" };
const kafkaScript = (name: string) => execFileSync("bash", [join("scripts", "kafka", `${name}.sh`)], { env: brokerEnv, stdio: "pipe" });

const cluster: ClusterConfig = {
  id: "job-restart",
  name: "restart",
  brokers: [`127.0.0.1:${PORT}`],
  clientId: "redrive-job-restart",
  connectionTimeoutMs: 1_000,
  dlqPattern: /\.DLT$/,
};
const [pglite] = await storeBackends();
const seed = new KafkaSeed([`127.0.0.1:${PORT}`]);

beforeAll(() => void kafkaScript("start"), 120_000);
afterAll(async () => {
  await seed.cleanup().catch(() => undefined);
  kafkaScript("stop");
}, 60_000);

describe("a bulk job across a broker restart", () => {
  it("waits while Kafka is down and finishes by itself once it is back, each record sent once", async () => {
    const backend = await pglite!.create();
    const store = await openStore(backend);
    const kafka = jobKafkaFor(cluster);
    const runner = new JobRunner({
      store,
      kafkaFor: () => kafka,
      runnerId: "restart-runner",
      takeOverAny: true,
      pollMs: 200,
      retryMs: 500,
    });
    try {
      const target = await seed.createTopic(uniqueName("orders"), 2);
      const dlq = `${target}.DLT`;
      await seedDlq(store, dlq, [{ originalTopic: target, exceptionClass: "com.shop.OrderNotFound", count: 2_000 }]);
      const operator = actorFor("user", "u1", "olga", "operator", "127.0.0.1");
      const { jobId } = await createJob(
        store,
        { cluster: "default", topic: dlq },
        { action: "redeliver", filter: {}, ratePerSecond: 250 },
        operator,
        () => kafka.topicNames(),
      );
      runner.start();
      await waitForJob(store, jobId, (j) => j.done >= 400);

      kafkaScript("stop");
      const waiting = await waitForJob(store, jobId, (j) => j.state === "waiting", 90_000);
      expect(waiting.lastError).toMatch(/not reachable/);
      await new Promise((r) => setTimeout(r, 2_000));
      const stillWaiting = await waitForJob(store, jobId, () => true);
      expect(stillWaiting.state).toBe("waiting");
      expect(stillWaiting.done).toBe(waiting.done);

      kafkaScript("start");
      const job = await waitForJob(store, jobId, (j) => j.state === "completed", 120_000);
      expect({ done: job.done, failed: job.failed, skipped: job.skipped, lastError: job.lastError }).toEqual({
        done: 2_000,
        failed: 0,
        skipped: 0,
        lastError: null,
      });
      const records = await readTopic(seed, target, 2_000);
      const ids = records.map((r) => header(r, "x-redrive-id"));
      expect(ids).toHaveLength(2_000);
      expect(new Set(ids)).toEqual(new Set(Array.from({ length: 2_000 }, (_, i) => jobActionId(jobId, i + 1))));
    } finally {
      await runner.stop();
      await store.close();
      await backend.dispose();
    }
  }, 300_000);
});
