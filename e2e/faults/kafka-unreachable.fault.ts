// Scenario 8: every broker unreachable for 60 s in the middle of a redeliver job, watched in the browser, then back.
// "Unreachable" is modelled with SIGSTOP on all three nodes, not kill -9: a stopped node keeps its sockets open and
// answers nothing, as behind a dropped network link or in a long GC pause, so clients learn of it only by timing
// out; a killed node refuses connections at once, which is the easier case. During the outage every page must say
// Kafka is unavailable (the store-backed DLQ page through the indexer's status) and the job page "Waiting for Kafka";
// afterwards everything must carry on by itself, every record in the target exactly once.
// Before it, on the same cluster: one node killed shows as down on the overview, with partitions under-replicated.
import { rmSync } from "node:fs";
import { join } from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { JobPage } from "../pages/job-page";
import { OverviewPage } from "../pages/overview-page";
import { SignInPage } from "../pages/sign-in-page";
import { ADMIN_PASSWORD } from "../support/accounts";
import { ConsoleServer } from "../support/console-server";
import { KafkaCluster, NODE_IDS, type NodeId } from "../support/kafka-cluster";
import { KafkaSeed, uniqueName } from "../support/kafka-seed";
import { countRedeliveries, duplicates } from "./support/exactly-once";
import { recordResult } from "./support/results";
import { seedSpringDlq } from "./support/spring-dlq";

const RECORDS = 3_000;
const RATE = 120;
const OUTAGE_MS = 60_000;
const CONSOLE_PORT = 3600;

const cluster = new KafkaCluster();
const seed = new KafkaSeed(cluster.brokers);
const target = uniqueName("e2e-unreachable-orders");
const dlq = `${target}.DLT`;
const dataDir = join(process.env.REDRIVE_E2E_DATA_DIR ?? "e2e/.data", `fault-8-${target}`);
const server = ConsoleServer.onBrokers(CONSOLE_PORT, cluster.brokerList, dataDir);

// Signed in on this file's own console.
test.use({ storageState: { cookies: [], origins: [] } });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  await seedSpringDlq(seed, target, RECORDS, 2);
  await server.start();
});

test.afterAll(async () => {
  await cluster.healAll();
  await server.stop();
  await seed.cleanup().catch(() => undefined);
  await cluster.disconnect();
  rmSync(dataDir, { recursive: true, force: true });
});

async function signIn(page: Page, path: string): Promise<void> {
  await page.goto(`${server.url}/sign-in?next=${encodeURIComponent(path)}`);
  await new SignInPage(page).signIn("admin", ADMIN_PASSWORD);
  await expect(page).toHaveURL(`${server.url}${path}`);
}

test("a node killed shows down on the overview with its partitions under-replicated, and up once it is back", async ({
  page,
}, testInfo) => {
  const overview = new OverviewPage(page);
  const node: NodeId = 3;
  await signIn(page, "/clusters/default");
  for (const n of NODE_IDS) await expect(overview.cells(overview.brokerRow(n))).toHaveText([String(n), cluster.address(n), /^Up/]);
  await expect(overview.partitionCount("Under-replicated partitions")).toHaveText("0");

  try {
    await cluster.kill(node);
    // The node's address is the one seen while it was up; its partitions lose it from their in-sync replicas.
    await expect(overview.cells(overview.brokerRow(node))).toHaveText([String(node), cluster.address(node), /^Down/], { timeout: 60_000 });
    await expect(overview.partitionCount("Under-replicated partitions")).not.toHaveText("0");
    await expect(overview.partitionList("Under-replicated partitions")).toContainText(`${dlq}/0`);
    await expect(overview.partitionCount("Offline partitions")).toHaveText("0");
    for (const n of NODE_IDS.filter((n) => n !== node)) await expect(overview.brokerRow(n)).toContainText("Up");
    for (const scheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.setViewportSize({ width: 390, height: 900 });
      await page.getByRole("region", { name: "Brokers" }).screenshot({ path: testInfo.outputPath(`brokers-down-${scheme}-narrow.png`) });
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  } finally {
    await cluster.healAll();
  }
  await expect(overview.brokerRow(node)).toContainText("Up", { timeout: 60_000 });
  await expect(overview.partitionCount("Under-replicated partitions")).toHaveText("0", { timeout: 90_000 });
});

test("scenario 8: all brokers unreachable for 60 s mid-job: every page says so, then everything carries on by itself", async ({
  page,
  playwright,
}) => {
  test.setTimeout(300_000);
  const api = await server.signedInApi(playwright);
  const jobStatus = async (id: string) =>
    (await (await api.get(`/api/jobs/${id}`)).json()) as { state: string; done: number; failed: number; lastError: string | null };

  await test.step("the console indexes the DLQ", async () => {
    const total = async () => ((await (await api.get(`/api/clusters/default/dlqs/${dlq}`)).json()) as { total?: string }).total;
    await expect.poll(total, { timeout: 120_000, intervals: [500] }).toBe(String(RECORDS));
  });

  const created = await api.post(`/api/clusters/default/dlqs/${dlq}/jobs`, {
    data: { action: "redeliver", filter: {}, ratePerSecond: RATE },
  });
  expect(created.status()).toBe(202);
  const { jobId } = (await created.json()) as { jobId: string };
  const job = new JobPage(page);
  const overview = new OverviewPage(page);
  await signIn(page, `/jobs/${jobId}`);
  await expect(job.state).toHaveText("Running", { timeout: 30_000 });

  let resumedAt = 0;
  let held = 0;
  let recovery = 0;
  let outageSeconds = 0;
  try {
    await expect.poll(() => job.processed(), { timeout: 60_000 }).toBeGreaterThanOrEqual(RECORDS / 4);
    const stoppedAt = Date.now();
    for (const n of NODE_IDS) cluster.pause(n);

    await test.step("during the outage every page says Kafka is unavailable", async () => {
      const kafkaDown = overview.kafkaDownAlert;
      await page.goto(`${server.url}/clusters/default`);
      await expect(kafkaDown).toBeVisible({ timeout: 30_000 });
      await page.goto(`${server.url}/clusters/default/topics`);
      await expect(kafkaDown).toBeVisible({ timeout: 30_000 });
      await page.goto(`${server.url}/clusters/default/groups`);
      await expect(kafkaDown).toBeVisible({ timeout: 30_000 });
      // The DLQ page reads the store and may show what it holds, but says the indexer cannot read Kafka.
      await page.goto(`${server.url}/clusters/default/dlqs/${dlq}`);
      const indexer = page.getByRole("status", { name: "Indexer" });
      await expect(indexer).toContainText("The indexer is failing", { timeout: 30_000 });
      await expect(indexer).toContainText("is not reachable");
      await page.goto(`${server.url}/jobs/${jobId}`);
      await expect(job.state).toHaveText("Waiting for Kafka", { timeout: 30_000 });
      await expect(page.getByRole("status").filter({ hasText: "Waiting for Kafka:" })).toContainText("is not reachable");
      held = (await jobStatus(jobId)).done;
      expect(held).toBeLessThan(RECORDS);
    });

    // The outage lasts 60 s, or as long as the checks above took on a loaded machine (they must see Kafka away).
    await page.waitForTimeout(Math.max(0, stoppedAt + OUTAGE_MS - Date.now()));
    outageSeconds = (Date.now() - stoppedAt) / 1000;
    expect((await jobStatus(jobId)).done, "nothing was recorded as sent while Kafka was away").toBe(held);
  } finally {
    for (const n of NODE_IDS) cluster.resume(n);
    resumedAt = Date.now();
  }

  await test.step("after the outage the job carries on by itself and completes", async () => {
    await expect.poll(async () => (await jobStatus(jobId)).done, { timeout: 120_000, intervals: [250] }).toBeGreaterThan(held);
    recovery = (Date.now() - resumedAt) / 1000;
    await expect(job.state).toHaveText(/Running|Completed/, { timeout: 60_000 });
    await expect.poll(async () => (await jobStatus(jobId)).state, { timeout: 120_000 }).toBe("completed");
    expect(await jobStatus(jobId)).toMatchObject({ done: RECORDS, failed: 0, lastError: null });
  });

  await test.step("the indexer and the pages are back to normal", async () => {
    await expect
      .poll(async () => (await api.get("/api/clusters/default/indexer")).json(), { timeout: 60_000 })
      .toMatchObject({ state: "indexing", lastError: null });
    await page.goto(`${server.url}/clusters/default`);
    await expect(overview.brokersTable).toBeVisible();
    for (const n of NODE_IDS) await expect(overview.brokerRow(n)).toContainText("Up", { timeout: 30_000 });
    await expect(overview.kafkaDownAlert).toHaveCount(0);
  });

  await test.step("the target holds every record exactly once, and the audit log one entry per record and verifies", async () => {
    const sources = Array.from({ length: RECORDS }, (_, i) => `${dlq}/${i % 2}/${Math.floor(i / 2)}`);
    const count = await countRedeliveries(cluster.kafka, [target], sources);
    const exported = await api.get(`/api/audit/export?format=jsonl&action=message.redeliver&topic=${encodeURIComponent(dlq)}`);
    const entries = (await exported.text())
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { partition: number; offset: string });
    const verify = (await (await api.get("/api/audit/verify")).json()) as { ok: boolean };
    recordResult({
      id: "8",
      scenario: "all three brokers unreachable (SIGSTOP) for 60 s during a redeliver job",
      records: RECORDS,
      lost: count.lost.length,
      duplicated: duplicates(count),
      recoverySeconds: recovery,
      note: `${outageSeconds.toFixed(0)} s outage; recovery from the brokers' return until the job progressed again`,
    });
    expect(count.lost).toEqual([]);
    expect(duplicates(count)).toBe(0);
    expect(count.unexpected).toEqual([]);
    expect(entries).toHaveLength(RECORDS);
    expect(new Set(entries.map((e) => `${e.partition}/${e.offset}`)).size).toBe(RECORDS);
    expect(verify.ok).toBe(true);
  });
});
