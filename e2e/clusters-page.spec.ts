// The clusters overview and the cluster filters on consoles with one cluster: the overview lists it reachable with
// its brokers and DLQs, the top bar names it without a pointless chooser, a cluster whose Kafka does not answer shows
// so on its row, and the jobs and audit pages filter by cluster with the choice kept in the URL.
import { expect, test, type APIRequestContext, type Browser } from "@playwright/test";
import { ClustersPage } from "./pages/clusters-page";
import { JobsPage } from "./pages/jobs-page";
import { SignInPage } from "./pages/sign-in-page";
import { accounts, consoleUrl, storageStatePath } from "./support/accounts";
import { springDltRecord } from "./support/dlq-records";
import { KafkaSeed, uniqueName } from "./support/kafka-seed";

const seed = new KafkaSeed();
const originalTopic = uniqueName("e2e-clusters");
const dlq = `${originalTopic}.DLT`;
const RECORDS = 3;

test.beforeAll(async () => {
  await seed.createTopic(dlq, 1);
  await seed.produceMany(
    dlq,
    Array.from({ length: RECORDS }, (_, n) =>
      springDltRecord({ originalTopic, exceptionClass: "com.example.Gone", message: `Gone ${n}`, key: `k-${n}`, value: "{}" }),
    ),
  );
});
test.afterAll(() => seed.cleanup());

// The indexer reads every e2e DLQ on the shared broker; a new one can wait behind the others.
const INDEXING_MS = 120_000;
test.describe.configure({ timeout: INDEXING_MS + 60_000 });

/** The one configured cluster's display name, as the API gives it (today the broker list). */
async function clusterName(api: APIRequestContext): Promise<string> {
  const clusters = (await (await api.get("/api/clusters")).json()) as { id: string; name: string }[];
  expect(clusters.map((c) => c.id)).toEqual(["default"]);
  return clusters[0]!.name;
}

async function waitForIndexed(api: APIRequestContext) {
  await expect
    .poll(
      async () => ((await (await api.get(`/api/clusters/default/dlqs/${encodeURIComponent(dlq)}`)).json()) as { total?: string }).total,
      { timeout: INDEXING_MS },
    )
    .toBe(String(RECORDS));
}

test("the clusters overview lists the one cluster, reachable, with its brokers and DLQs; the top bar only names it", async ({ page }) => {
  const clusters = new ClustersPage(page);
  const name = await clusterName(page.request);
  await waitForIndexed(page.request);

  await clusters.goto();
  await expect(clusters.heading("Clusters")).toBeVisible();
  await expect(clusters.navLink("Clusters")).toHaveAttribute("aria-current", "page");
  const row = clusters.clusterRow(name);
  await expect(row).toContainText("default");
  await expect(clusters.cell(name, "Kafka")).toHaveText("Reachable");
  await expect(clusters.cell(name, "Brokers up")).toHaveText("1 / 1");
  await expect(clusters.cell(name, "DLQs").getByRole("link")).toHaveAttribute("href", "/clusters/default/dlqs");
  await expect(clusters.cell(name, "DLQs")).toHaveText(/^[1-9][\d,]*$/);
  // Other specs' DLQs share the broker: at least this spec's records are pending.
  await expect
    .poll(async () => Number((await clusters.cell(name, "Pending").innerText()).replace(/,/g, "")))
    .toBeGreaterThanOrEqual(RECORDS);
  await page.screenshot({ path: test.info().outputPath("clusters-one.png") });

  await row.getByRole("link", { name, exact: true }).click();
  await expect(page).toHaveURL(/\/clusters\/default$/);
  await expect(clusters.topBar.getByText(name, { exact: true })).toBeVisible();
  await expect(clusters.clusterSwitcher).toHaveCount(0);
  await expect(clusters.navLink("Clusters")).not.toHaveAttribute("aria-current", "page");
});

test("a cluster whose Kafka does not answer is unreachable on its row, with the reason; its DLQ index still answers", async ({
  browser,
}) => {
  const down = consoleUrl(1);
  const page = await (await browser.newContext({ storageState: { cookies: [], origins: [] } })).newPage();
  await page.goto(`${down}/clusters`);
  // That console has its own store, so its own sign-in.
  await new SignInPage(page).signIn(accounts.admin.username, accounts.admin.password);
  await expect(page).toHaveURL(`${down}/clusters`);
  const clusters = new ClustersPage(page);
  await expect(clusters.cell("127.0.0.1:1", "Kafka")).toHaveText("Unreachable", { timeout: 30_000 });
  await expect(clusters.clusterRow("127.0.0.1:1")).toContainText("Kafka at 127.0.0.1:1 is not reachable");
  await expect(clusters.cell("127.0.0.1:1", "Brokers up")).toHaveText("—");
  await expect(clusters.cell("127.0.0.1:1", "DLQs")).toHaveText("0");
  await expect(clusters.cell("127.0.0.1:1", "Pending")).toHaveText("0");
});

async function operatorPage(browser: Browser) {
  const context = await browser.newContext({ storageState: storageStatePath("operator") });
  const page = await context.newPage();
  // A fresh session: auth.spec signs the operator out everywhere, which ends the saved session too.
  const signedIn = await page.request.post("/api/auth/sign-in/username", { headers: { origin: consoleUrl() }, data: accounts.operator });
  expect(signedIn.ok()).toBe(true);
  return page;
}

test("jobs and audit filter by cluster, the choice kept in the URL, and name each row's cluster", async ({ browser }) => {
  const page = await operatorPage(browser);
  const name = await clusterName(page.request);
  await waitForIndexed(page.request);
  const created = await page.request.post(`/api/clusters/default/dlqs/${encodeURIComponent(dlq)}/jobs`, {
    headers: { origin: consoleUrl() },
    data: { action: "discard", messages: [{ partition: 0, offset: "0" }], reason: "e2e: cluster filter" },
  });
  expect(created.status(), await created.text()).toBe(202);
  const { jobId } = (await created.json()) as { jobId: string };

  await test.step("the jobs page: the cluster filter finds the job, and survives a reload", async () => {
    const jobs = new JobsPage(page);
    await jobs.goto(`topic=${encodeURIComponent(dlq)}`);
    const filter = page.getByLabel("Cluster", { exact: true });
    await expect(filter).toHaveValue("");
    await filter.selectOption("default");
    await expect(page).toHaveURL(/[?&]cluster=default(&|$)/);
    await expect(jobs.jobRow(jobId)).toContainText(name);
    await page.reload();
    await expect(filter).toHaveValue("default");
    await expect(jobs.jobRow(jobId)).toBeVisible();
  });

  await test.step("a cluster with no jobs here (not configured on this console) matches none, and stays chosen", async () => {
    await new JobsPage(page).goto(`cluster=second&topic=${encodeURIComponent(dlq)}`);
    await expect(page.getByText("No jobs match")).toBeVisible();
    await expect(page.getByLabel("Cluster", { exact: true })).toHaveValue("second");
  });

  await test.step("the audit page: the job's entries name their cluster; another cluster's filter finds none", async () => {
    await page.goto(`/audit?topic=${encodeURIComponent(dlq)}`);
    const filter = page.getByLabel("Cluster", { exact: true });
    await filter.selectOption("default");
    await expect(page).toHaveURL(/[?&]cluster=default(&|$)/);
    const row = page.getByRole("table", { name: "Audit log" }).getByRole("row").filter({ hasText: "job.create" });
    await expect(row).toHaveCount(1);
    await expect(row.getByRole("cell").nth(4)).toHaveText(name);
    await page.goto(`/audit?topic=${encodeURIComponent(dlq)}&cluster=second`);
    await expect(page.getByText("No audit entries match")).toBeVisible();
  });
});
