// Two clusters side by side in a real browser: the console on consolePort(3) reads a REDRIVE_CONFIG naming the main
// broker `default` ("Local") and a second broker `second` ("Second", KAFKA_SECOND_BROKERS, 127.0.0.1:9192 by default).
// The overview shows both, the top bar's switcher moves between them keeping the section, a redelivery on the second
// cluster lands on the second broker (read back with a real consumer), and the audit and jobs pages filter by cluster.
import { expect, test, type Page } from "@playwright/test";
import { ClustersPage } from "./pages/clusters-page";
import { JobsPage } from "./pages/jobs-page";
import { MessagePage } from "./pages/message-page";
import { SignInPage } from "./pages/sign-in-page";
import { SECOND_BROKERS, accounts, consoleUrl } from "./support/accounts";
import { springDltRecord } from "./support/dlq-records";
import { KafkaSeed, uniqueName } from "./support/kafka-seed";
import { readRedeliveries } from "./support/read-redeliveries";

const base = consoleUrl(3);
const local = new KafkaSeed();
const second = new KafkaSeed(SECOND_BROKERS);
const localTopic = uniqueName("e2e-local-orders");
const localDlq = `${localTopic}.DLT`;
const secondTopic = uniqueName("e2e-second-orders");
const secondDlq = `${secondTopic}.DLT`;
const RECORDS = 2;

const failures = (originalTopic: string) =>
  Array.from({ length: RECORDS }, (_, n) =>
    springDltRecord({
      originalTopic,
      exceptionClass: "com.example.OrderRejected",
      message: `Order ${n} rejected`,
      key: `order-${n}`,
      value: JSON.stringify({ order: n }),
    }),
  );

test.beforeAll(async () => {
  await local.createTopic(localTopic, 1);
  await local.createTopic(localDlq, 1);
  await local.produceMany(localDlq, failures(localTopic));
  // The second cluster's original topic exists on its broker only: a redelivery that went to the wrong cluster fails.
  await second.createTopic(secondTopic, 1);
  await second.createTopic(secondDlq, 1);
  await second.produceMany(secondDlq, failures(secondTopic));
});
test.afterAll(async () => {
  await local.cleanup();
  await second.cleanup();
});

const INDEXING_MS = 120_000;
test.describe.configure({ timeout: INDEXING_MS + 120_000 });

/** An admin of the two-cluster console (its own store, so its own sign-in), on `path`. */
async function signedIn(page: Page, path: string) {
  await page.goto(`${base}${path}`);
  await new SignInPage(page).signIn(accounts.admin.username, accounts.admin.password);
  await expect(page).toHaveURL(`${base}${path}`);
}

/** Waits until the console has indexed a cluster's DLQ. */
async function waitForIndexed(page: Page, cluster: string, dlq: string) {
  await expect
    .poll(
      async () =>
        ((await (await page.request.get(`${base}/api/clusters/${cluster}/dlqs/${encodeURIComponent(dlq)}`)).json()) as { total?: string })
          .total,
      {
        timeout: INDEXING_MS,
      },
    )
    .toBe(String(RECORDS));
}

const dlqLink = (page: Page, dlq: string) =>
  page.getByRole("list", { name: "Dead-letter topics" }).getByRole("link", { name: dlq, exact: true });

test("two clusters: the overview shows both, the switcher browses each DLQ, a redelivery lands on the second broker and is filtered by cluster", async ({
  browser,
}) => {
  const page = await (await browser.newContext({ storageState: { cookies: [], origins: [] } })).newPage();
  const clusters = new ClustersPage(page);
  await signedIn(page, "/clusters");
  await waitForIndexed(page, "default", localDlq);
  await waitForIndexed(page, "second", secondDlq);

  await test.step("the clusters overview shows both clusters, each reachable with its brokers and DLQs", async () => {
    await page.goto(`${base}/`);
    await expect(page).toHaveURL(`${base}/clusters`);
    for (const [name, id] of [
      ["Local", "default"],
      ["Second", "second"],
    ] as const) {
      await expect(clusters.clusterRow(name)).toContainText(id);
      await expect(clusters.cell(name, "Kafka")).toHaveText("Reachable");
      await expect(clusters.cell(name, "Brokers up")).toHaveText("1 / 1");
      await expect(clusters.cell(name, "DLQs").getByRole("link")).toHaveAttribute("href", `/clusters/${id}/dlqs`);
    }
    await expect(clusters.cell("Second", "Pending")).toHaveText(String(RECORDS));
  });

  await test.step("the switcher moves between the clusters' DLQ lists, each showing its own DLQ only", async () => {
    await clusters.cell("Local", "DLQs").getByRole("link").click();
    await expect(page).toHaveURL(`${base}/clusters/default/dlqs`);
    await expect(clusters.clusterSwitcher).toHaveValue("default");
    await expect(dlqLink(page, localDlq)).toBeVisible();
    await expect(dlqLink(page, secondDlq)).toHaveCount(0);

    await clusters.switchCluster("Second (second)", `${base}/clusters/second/dlqs`);
    await expect(clusters.clusterSwitcher).toHaveValue("second");
    await expect(dlqLink(page, secondDlq)).toBeVisible();
    await expect(dlqLink(page, localDlq)).toHaveCount(0);
    await expect(clusters.topBar).toContainText(SECOND_BROKERS.join(", "));
  });

  await test.step("a redelivery on the second cluster lands on the second broker's topic", async () => {
    const message = new MessagePage(page);
    // On the two-cluster console (message.goto would open the default console's page).
    await page.goto(`${base}/clusters/second/dlqs/${encodeURIComponent(secondDlq)}/messages/0/0`);
    await expect(message.failure).toBeVisible();
    await message.redeliverButton.click();
    const dialog = message.actionDialog("Redeliver");
    await expect(dialog.getByLabel("Target topic")).toHaveValue(secondTopic);
    await dialog.getByRole("button", { name: "Redeliver" }).click();
    await expect(message.actionOutcome).toHaveText(new RegExp(`^Redelivered to ${secondTopic}/0/0$`));

    const arrived = await readRedeliveries(second, secondTopic, 1);
    expect(arrived).toHaveLength(1);
    expect(arrived[0]!.redriveId).toBeTruthy();
    expect(await (await local.connectedAdmin()).listTopics()).not.toContain(secondTopic);
  });

  await test.step("from a message page the switcher goes to the other cluster's DLQ list", async () => {
    await clusters.switchCluster("Local (default)", `${base}/clusters/default/dlqs`);
    await expect(dlqLink(page, localDlq)).toBeVisible();
  });

  await test.step("the audit log filtered by cluster second shows the redelivery naming its cluster", async () => {
    await page.goto(`${base}/audit?topic=${encodeURIComponent(secondDlq)}`);
    const filter = page.getByLabel("Cluster", { exact: true });
    await filter.selectOption("second");
    await expect(page).toHaveURL(/[?&]cluster=second(&|$)/);
    const row = page.getByRole("table", { name: "Audit log" }).getByRole("row").filter({ hasText: "message.redeliver" });
    await expect(row).toHaveCount(1);
    await expect(row.getByRole("cell").nth(4)).toHaveText("Second");
    await filter.selectOption("default");
    await expect(page.getByText("No audit entries match")).toBeVisible();
  });

  await test.step("the jobs page filtered by cluster shows the second cluster's job only under second", async () => {
    const created = await page.request.post(`${base}/api/clusters/second/dlqs/${encodeURIComponent(secondDlq)}/jobs`, {
      headers: { origin: base },
      data: { action: "discard", filter: {}, reason: "e2e: second cluster" },
    });
    expect(created.status(), await created.text()).toBe(202);
    const { jobId } = (await created.json()) as { jobId: string };
    const jobs = new JobsPage(page);
    await page.goto(`${base}/jobs`);
    const filter = page.getByLabel("Cluster", { exact: true });
    await filter.selectOption("second");
    await expect(page).toHaveURL(/[?&]cluster=second(&|$)/);
    await expect(jobs.jobRow(jobId)).toContainText("Second");
    await filter.selectOption("default");
    await expect(jobs.jobRow(jobId)).toHaveCount(0);
  });
});
