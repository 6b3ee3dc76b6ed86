// A bulk job's page through a Kafka outage, in the browser: the operator watching a running job sees it switch to
// "Waiting for Kafka" with the reason when the broker goes away, its progress hold, and the job carry on by itself
// and complete once the broker is back, every message in the target exactly once. It runs its own broker (and a
// console on it) so the shared broker the other specs use is never disturbed.
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { JobPage } from "./pages/job-page";
import { SignInPage } from "./pages/sign-in-page";
import { ADMIN_PASSWORD, consolePort } from "./support/accounts";
import { ConsoleServer } from "./support/console-server";
import { springDltRecord } from "./support/dlq-records";
import { KafkaSeed, uniqueName } from "./support/kafka-seed";
import { readRedeliveries } from "./support/read-redeliveries";

const RECORDS = 3_000;
const PORT = 19090;
const brokerEnv = { ...process.env, KAFKA_PORT: String(PORT), KAFKA_CONTROLLER_PORT: "19091", KAFKA_HEAP: "384m" };
const kafkaScript = (name: "start" | "stop") =>
  execFileSync("bash", [join("scripts", "kafka", `${name}.sh`)], { env: brokerEnv, stdio: "pipe" });

const seed = new KafkaSeed([`127.0.0.1:${PORT}`]);
const target = uniqueName("e2e-outage-orders");
const dlq = `${target}.DLT`;
const dataDir = join(process.env.REDRIVE_E2E_DATA_DIR ?? "e2e/.data", `outage-${target}`);
const server = ConsoleServer.onBrokers(consolePort(2) + 11, `127.0.0.1:${PORT}`, dataDir);

test.describe.configure({ timeout: 420_000 });
// Signed in on this spec's own console, not the shared one's viewer.
test.use({ storageState: { cookies: [], origins: [] } });

test.beforeAll(async () => {
  kafkaScript("start");
  await seed.createTopic(target, 2);
  await seed.createTopic(dlq, 2);
  const records = Array.from({ length: RECORDS }, (_, i) =>
    springDltRecord({
      originalTopic: target,
      exceptionClass: "com.shop.OrderNotFound",
      message: `Order ${i} not found`,
      key: `order-${i}`,
      value: JSON.stringify({ orderId: i }),
      partition: i % 2,
    }),
  );
  await seed.produceMany(dlq, records);
  await server.start();
});

test.afterAll(async () => {
  await server.stop();
  await seed.cleanup().catch(() => undefined);
  kafkaScript("stop");
  rmSync(dataDir, { recursive: true, force: true });
});

test("a job's page shows it waiting for Kafka while the broker is down, and the job completing once it is back", async ({
  page,
  playwright,
}) => {
  const api = await server.signedInApi(playwright);
  await test.step("the console indexes the DLQ", async () => {
    const total = async () => ((await (await api.get(`/api/clusters/default/dlqs/${dlq}`)).json()) as { total?: string }).total;
    await expect.poll(total, { timeout: 240_000, intervals: [500] }).toBe(String(RECORDS));
  });

  const created = await api.post(`/api/clusters/default/dlqs/${dlq}/jobs`, {
    data: { action: "redeliver", filter: {}, ratePerSecond: 100 },
  });
  expect(created.status()).toBe(202);
  const { jobId } = (await created.json()) as { jobId: string };

  const signIn = new SignInPage(page);
  await page.goto(`${server.url}/sign-in?next=${encodeURIComponent(`/jobs/${jobId}`)}`);
  await signIn.signIn("admin", ADMIN_PASSWORD);
  const job = new JobPage(page);
  await expect(job.state).toHaveText("Running", { timeout: 30_000 });
  const waitingNotice = page.getByRole("status").filter({ hasText: "Waiting for Kafka:" });
  await expect(waitingNotice).toHaveCount(0);

  await test.step("the broker goes away mid-job: the page says the job waits for Kafka, and why", async () => {
    await expect.poll(() => job.processed(), { timeout: 60_000 }).toBeGreaterThanOrEqual(300);
    kafkaScript("stop");
    await expect(job.state).toHaveText("Waiting for Kafka", { timeout: 120_000 });
    await expect(waitingNotice).toContainText(`127.0.0.1:${PORT}`);
    await expect(waitingNotice).toContainText("The job carries on by itself when Kafka answers again.");
    const held = await job.processed();
    expect(held).toBeLessThan(RECORDS);
    // Nothing moves while Kafka is away (the page keeps refreshing: its "updated" time is current).
    await page.waitForTimeout(3_000);
    expect(await job.processed()).toBe(held);
    await expect(job.state).toHaveText("Waiting for Kafka");
  });

  await test.step("the broker is back: the job carries on by itself and completes, the notice gone", async () => {
    kafkaScript("start");
    await expect(job.state).toHaveText("Running", { timeout: 120_000 });
    await expect(waitingNotice).toHaveCount(0);
    await expect(job.state).toHaveText("Completed", { timeout: 180_000 });
    await expect(job.stat("Done")).toHaveText(RECORDS.toLocaleString("en"));
    await expect(job.stat("Failed")).toHaveText("0");
  });

  await test.step("the target holds every message exactly once", async () => {
    const records = await readRedeliveries(seed, target, RECORDS);
    expect(records).toHaveLength(RECORDS);
    expect(new Set(records.map((r) => r.redriveId)).size).toBe(RECORDS);
    expect(new Set(records.map((r) => r.source)).size).toBe(RECORDS);
  });
});
