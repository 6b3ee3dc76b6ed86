// Bulk jobs in a real browser against the production build and the real broker: a failure group redelivered as a
// rate-limited job (dry run, live progress, pause that holds, resume, every record in the target exactly once), a
// discard of rows picked in the table, a dry run that finds nothing refusing to start, cancelling, and a viewer who
// can watch jobs but gets no controls and a 403.
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { BulkJobDialog } from "./pages/bulk-job-dialog";
import { DlqPage } from "./pages/dlq-page";
import { JobPage } from "./pages/job-page";
import { JobsPage } from "./pages/jobs-page";
import { accounts, consoleUrl, storageStatePath } from "./support/accounts";
import { springDltRecord } from "./support/dlq-records";
import { KafkaSeed, uniqueName } from "./support/kafka-seed";
import { readRedeliveries } from "./support/read-redeliveries";

const seed = new KafkaSeed();
/** Where the group job redelivers to: each record's original topic. */
const originalTopic = uniqueName("e2e-stock");
const groupDlq = `${originalTopic}.DLT`;
/** For discarding picked rows, the empty dry run and the viewer. */
const pickDlq = `${uniqueName("e2e-pick")}.DLT`;
/** For cancelling a slow job. */
const cancelDlq = `${uniqueName("e2e-cancel")}.DLT`;
/** For the viewer's look at a running job. */
const viewerDlq = `${uniqueName("e2e-viewer")}.DLT`;
/** For retrying a job's failures: the records' original topic is created only after their job failed them. */
const lateTopic = uniqueName("e2e-late");
const lateDlq = `${lateTopic}.DLT`;
const LATE_RECORDS = 8;
const GROUP_RECORDS = 120;
const OTHER_RECORDS = 3;
const PICK_RECORDS = 6;
/** Slow enough (10 s for the group) that the test sees it move, pauses it half-way and resumes it. */
const RATE = 12;
/** Jobs that must still be running while a page is looked at: 1 record a second. */
const SLOW_RECORDS = 30;

const stockFailure = (n: number) =>
  springDltRecord({
    originalTopic,
    exceptionClass: "com.example.stock.StockReservationException",
    message: `No stock for item ${n}`,
    key: `item-${n}`,
    value: JSON.stringify({ item: n }),
  });
const priceFailure = (n: number) =>
  springDltRecord({
    originalTopic,
    exceptionClass: "com.example.stock.PriceMissingException",
    message: `Price missing for item ${n}`,
    key: `price-${n}`,
    value: "{}",
  });

test.beforeAll(async () => {
  await seed.createTopic(originalTopic, 1);
  await seed.createTopic(groupDlq, 1);
  await seed.createTopic(pickDlq, 1);
  await seed.createTopic(cancelDlq, 1);
  await seed.createTopic(viewerDlq, 1);
  await seed.createTopic(lateDlq, 1);
  await seed.produceMany(groupDlq, [
    ...Array.from({ length: GROUP_RECORDS }, (_, n) => stockFailure(n)),
    ...Array.from({ length: OTHER_RECORDS }, (_, n) => priceFailure(n)),
  ]);
  await seed.produceMany(
    pickDlq,
    Array.from({ length: PICK_RECORDS }, (_, n) => priceFailure(n)),
  );
  await seed.produceMany(
    cancelDlq,
    Array.from({ length: SLOW_RECORDS }, (_, n) => priceFailure(n)),
  );
  await seed.produceMany(
    viewerDlq,
    Array.from({ length: SLOW_RECORDS }, (_, n) => priceFailure(n)),
  );
  await seed.produceMany(
    lateDlq,
    Array.from({ length: LATE_RECORDS }, (_, n) =>
      springDltRecord({
        originalTopic: lateTopic,
        exceptionClass: "com.example.Late",
        message: `Late ${n}`,
        key: `late-${n}`,
        value: "{}",
      }),
    ),
  );
});

test.afterAll(() => seed.cleanup());

// The first visit of each DLQ waits on the server's indexer, which indexes every DLQ on the shared broker: behind
// someone's million-record DLQ, a new one can wait minutes.
const INDEXING_MS = 240_000;
test.describe.configure({ timeout: INDEXING_MS + 120_000 });

/** Opens the DLQ page once the indexer has all `total` records of it (whatever jobs have done to them since). */
async function openIndexed(page: Page, dlq: string, total: number): Promise<DlqPage> {
  const dlqPage = new DlqPage(page);
  await expect(async () => {
    await dlqPage.goto(dlq);
    await expect(dlqPage.stat("Total")).toHaveText(String(total), { timeout: 10_000 });
  }).toPass({ timeout: INDEXING_MS });
  return dlqPage;
}

/** An API session of its own for the operator, so the page's browser session stays whoever the test is. */
async function operatorApi(playwright: {
  request: { newContext(options: object): Promise<APIRequestContext> };
}): Promise<APIRequestContext> {
  const api = await playwright.request.newContext({ baseURL: consoleUrl(), extraHTTPHeaders: { origin: consoleUrl() } });
  expect((await api.post("/api/auth/sign-in/username", { data: accounts.operator })).ok()).toBe(true);
  return api;
}

/** Waits for the indexer through the API, then starts a slow job (1 record a second) on every pending record. */
async function startSlowJob(api: APIRequestContext, dlq: string): Promise<string> {
  await expect
    .poll(
      async () => ((await (await api.get(`/api/clusters/default/dlqs/${encodeURIComponent(dlq)}`)).json()) as { pending?: string }).pending,
      { timeout: INDEXING_MS },
    )
    .toBe(String(SLOW_RECORDS));
  const created = await api.post(`/api/clusters/default/dlqs/${encodeURIComponent(dlq)}/jobs`, {
    data: { action: "redeliver", filter: {}, ratePerSecond: 1 },
  });
  expect(created.status(), await created.text()).toBe(202);
  return ((await created.json()) as { jobId: string }).jobId;
}

test.describe("as an operator", () => {
  test.use({ storageState: storageStatePath("operator") });
  // A fresh session per test: auth.spec signs the operator out everywhere, which ends the saved session too.
  test.beforeEach(async ({ page, baseURL }) => {
    const signedIn = await page.request.post("/api/auth/sign-in/username", { headers: { origin: baseURL! }, data: accounts.operator });
    expect(signedIn.ok()).toBe(true);
  });

  test("a failure group redelivered at 12/s: dry run, live progress, a pause that holds, resume, every record once", async ({ page }) => {
    test.setTimeout(INDEXING_MS + 240_000);
    const dlqPage = await openIndexed(page, groupDlq, GROUP_RECORDS + OTHER_RECORDS);
    const dialog = new BulkJobDialog(page);
    const job = new JobPage(page);
    let jobId = "";

    await test.step("the chosen group offers a job; the dry run counts its pending records and names the target", async () => {
      await dlqPage.group("StockReservationException").click();
      await expect(dlqPage.group("StockReservationException")).toHaveAttribute("aria-pressed", "true");
      await dlqPage.groupJobButton("Redeliver group…").click();
      await expect(dialog.root).toBeVisible();
      await expect(dialog.root).toContainText("StockReservationException · No stock for item <n>");
      await expect(dialog.dryRunStatus).toHaveText(`${GROUP_RECORDS} pending records will be redelivered.`);
      await expect(dialog.targets).toContainText(`${originalTopic} · ${GROUP_RECORDS} records`);
      await expect(dialog.sampleRows).toHaveCount(5);
      await expect(dialog.rateLimit).toHaveValue("100");
      await dialog.rateLimit.fill("0");
      await expect(dialog.start).toBeDisabled();
      await dialog.rateLimit.fill(String(RATE));
      await expect(dialog.start).toBeEnabled();
    });

    await test.step("starting opens the job page, where progress moves", async () => {
      await dialog.start.click();
      // Creating the job numbers its records in one transaction, behind whatever the indexer is writing.
      await expect(page).toHaveURL(/\/jobs\/[0-9a-f-]{36}$/, { timeout: 60_000 });
      jobId = page.url().split("/").pop()!;
      await expect(job.heading("Redeliver job")).toBeVisible();
      await expect(job.definition).toContainText("Each record's original topic");
      await expect(job.definition).toContainText(`${RATE} msg/s`);
      await expect.poll(() => job.processed(), { timeout: 20_000 }).toBeGreaterThan(0);
      const first = await job.processed();
      await expect.poll(() => job.processed(), { timeout: 10_000 }).toBeGreaterThan(first);
      await expect(job.state).toHaveText("Running");
    });

    await test.step("Pause stops it: the done count holds for seconds", async () => {
      await job.pauseButton.click();
      await expect(job.state).toHaveText("Paused");
      await expect(job.resumeButton).toBeVisible();
      // A batch already on its way when the pause landed is still counted, as late as a busy server finishes it:
      // wait for the count to settle (over longer than the page's 2 s poll of a paused job), then it must hold.
      let held = "";
      await expect
        .poll(
          async () => {
            const before = await job.stat("Done").innerText();
            await page.waitForTimeout(4_000);
            held = await job.stat("Done").innerText();
            return before === held;
          },
          { timeout: 40_000 },
        )
        .toBe(true);
      expect(Number(held)).toBeLessThan(GROUP_RECORDS);
      await page.waitForTimeout(3_000);
      await expect(job.stat("Done")).toHaveText(held);
      await expect(job.state).toHaveText("Paused");
    });

    await test.step("Resume carries it to the end", async () => {
      await job.resumeButton.click();
      // 10 s of work at the limit; a busy machine stretches it (the runner shares the server with the indexer).
      await expect(job.state).toHaveText("Completed", { timeout: 120_000 });
      await expect(job.stat("Done")).toHaveText(String(GROUP_RECORDS));
      await expect(job.stat("Failed")).toHaveText("0");
      await expect(job.stat("Remaining")).toHaveText("0");
      await expect(job.progressBar).toHaveAttribute("aria-valuenow", String(GROUP_RECORDS));
      await expect(job.pauseButton).toHaveCount(0);
      await expect(job.cancelButton).toHaveCount(0);
    });

    await test.step("the target holds each record exactly once, each with its own x-redrive-id", async () => {
      const records = await readRedeliveries(seed, originalTopic, GROUP_RECORDS);
      expect(records).toHaveLength(GROUP_RECORDS);
      expect(new Set(records.map((r) => r.redriveId)).size).toBe(GROUP_RECORDS);
      expect(records.every((r) => r.redriveId && r.source?.startsWith(`${groupDlq}/0/`))).toBe(true);
      expect(new Set(records.map((r) => r.source)).size).toBe(GROUP_RECORDS);
    });

    await test.step("only the group was acted on, and the jobs list shows the job", async () => {
      const dlqLink = page.getByRole("link", { name: "Show these records" });
      await dlqLink.click();
      await expect(dlqPage.stat("Pending")).toHaveText(String(OTHER_RECORDS), { timeout: 20_000 });
      await expect(dlqPage.stat("Redelivered")).toHaveText(String(GROUP_RECORDS));
      const jobs = new JobsPage(page);
      await jobs.navLink("Jobs").click();
      await expect(jobs.heading("Jobs")).toBeVisible();
      await expect(jobs.jobRow(jobId)).toContainText("Completed");
      await expect(jobs.jobRow(jobId)).toContainText(`${GROUP_RECORDS} / ${GROUP_RECORDS}`);
      await expect(jobs.jobRow(jobId)).toContainText(groupDlq);
    });
  });

  test("rows picked in the table (click and Space) are discarded with a reason", async ({ page }) => {
    const dlqPage = await openIndexed(page, pickDlq, PICK_RECORDS);
    const dialog = new BulkJobDialog(page);
    await expect(dlqPage.messageRows).toHaveCount(PICK_RECORDS);

    await test.step("pick three rows: Space on the j-selected row, then two checkboxes", async () => {
      await page.keyboard.press("j");
      await expect(dlqPage.selectedRow).toHaveAttribute("aria-rowindex", "2");
      await page.keyboard.press("Space");
      await expect(dlqPage.selectedRow.getByRole("checkbox")).toBeChecked();
      await dlqPage.messageRows.nth(1).getByRole("checkbox").check();
      await dlqPage.messageRows.nth(2).getByRole("checkbox").check();
      await expect(dlqPage.pickAll).toHaveJSProperty("indeterminate", true);
      // Rows stay one height with their checkboxes.
      const heights = await dlqPage.messageRows.evaluateAll((rows) => rows.map((row) => row.getBoundingClientRect().height));
      expect(new Set(heights)).toEqual(new Set([37]));
    });

    await test.step("the discard needs a reason before it can start", async () => {
      await dlqPage.bulkButton("Discard selected (3)").click();
      await expect(dialog.root).toContainText("3 records picked in the table");
      await expect(dialog.dryRunStatus).toHaveText("3 pending records will be discarded.");
      await expect(dialog.targetTopic).toHaveCount(0);
      await expect(dialog.start).toBeDisabled();
      await dialog.reason.fill("   ");
      await expect(dialog.start).toBeDisabled();
      await dialog.reason.fill("test orders from the load test");
      await dialog.rateLimit.fill("");
      await expect(dialog.start).toBeEnabled();
      await dialog.start.click();
    });

    await test.step("the job discards exactly those three", async () => {
      const job = new JobPage(page);
      await expect(job.heading("Discard job")).toBeVisible();
      await expect(job.state).toHaveText("Completed", { timeout: 30_000 });
      await expect(job.stat("Done")).toHaveText("3");
      await expect(job.definition).toContainText("3 records picked in the table");
      await expect(job.definition).toContainText("test orders from the load test");
      await expect(job.definition).toContainText("No limit");
      await dlqPage.goto(pickDlq);
      await expect(dlqPage.stat("Discarded")).toHaveText("3", { timeout: 20_000 });
      await expect(dlqPage.stat("Pending")).toHaveText(String(PICK_RECORDS - 3));
    });
  });

  test("a dry run that matches nothing, or a target the server refuses, cannot start", async ({ page }) => {
    const dlqPage = await openIndexed(page, pickDlq, PICK_RECORDS);
    const dialog = new BulkJobDialog(page);
    await dlqPage.goto(pickDlq, `q=${uniqueName("nothing-like-this")}`);
    await dlqPage.bulkButton("Redeliver all matching…").click();
    await expect(dialog.dryRunStatus).toHaveText("No pending record matches: there is nothing to do.");
    await expect(dialog.start).toBeDisabled();
    await dialog.action("Discard").click();
    await expect(dialog.dryRunStatus).toHaveText("No pending record matches: there is nothing to do.");
    await dialog.reason.fill("would discard nothing");
    await expect(dialog.start).toBeDisabled();
    await dialog.cancel.click();
    await expect(dialog.root).toBeHidden();

    await dlqPage.goto(pickDlq);
    await dlqPage.bulkButton("Redeliver all matching…").click();
    await expect(dialog.dryRunStatus).toHaveText(/^\d+ pending records? will be redelivered\.$/);
    await dialog.targetTopic.fill("not a topic!");
    await expect(dialog.root.getByRole("note")).toContainText("Every record goes to not a topic!");
    await expect(dialog.error).toContainText("targetTopic: expected a Kafka topic name");
    await expect(dialog.start).toBeDisabled();
    const missing = uniqueName("e2e-no-such-topic");
    await dialog.targetTopic.fill(missing);
    await expect(dialog.targets).toContainText(new RegExp(`${missing} · \\d+ records?: this topic does not exist`));
    await expect(dialog.start).toBeDisabled();
  });

  test("a job's failures are retried from its page once their topic exists, as a job of their own", async ({ page, playwright }) => {
    const api = await operatorApi(playwright);
    await expect
      .poll(
        async () =>
          ((await (await api.get(`/api/clusters/default/dlqs/${encodeURIComponent(lateDlq)}`)).json()) as { pending?: string }).pending,
        { timeout: INDEXING_MS },
      )
      .toBe(String(LATE_RECORDS));
    const created = await api.post(`/api/clusters/default/dlqs/${encodeURIComponent(lateDlq)}/jobs`, {
      data: { action: "redeliver", filter: {} },
    });
    expect(created.status(), await created.text()).toBe(202);
    const firstId = ((await created.json()) as { jobId: string }).jobId;
    await api.dispose();
    const job = new JobPage(page);
    const dialog = new BulkJobDialog(page);

    await test.step("the job failed every record: their topic is missing, and a retry now would fail too", async () => {
      await job.goto(firstId);
      await expect(job.state).toHaveText("Completed", { timeout: 60_000 });
      await expect(job.stat("Failed")).toHaveText(String(LATE_RECORDS));
      await expect(job.failuresTable.locator("tbody tr")).toHaveCount(LATE_RECORDS);
      await expect(job.failuresTable).toContainText(`Target topic "${lateTopic}" does not exist`);
      await expect(job.failureReasons).toHaveText(`${LATE_RECORDS} ×Target topic "${lateTopic}" does not exist`);
      await job.retryFailedButton.click();
      await expect(dialog.root).toContainText(`Records job ${firstId.slice(0, 8)} failed on that are still pending`);
      await expect(dialog.dryRunStatus).toHaveText(`${LATE_RECORDS} pending records will be redelivered.`);
      await expect(dialog.targets).toContainText(`${lateTopic} · ${LATE_RECORDS} records: this topic does not exist`);
      await expect(dialog.start).toBeDisabled();
      await dialog.cancel.click();
    });

    await test.step("with the topic created, the retry starts a job of its own that sends each record once", async () => {
      await seed.createTopic(lateTopic, 1);
      await job.retryFailedButton.click();
      await expect(dialog.targets).toContainText(`${lateTopic} · ${LATE_RECORDS} records`);
      await expect(dialog.targets).not.toContainText("does not exist");
      await dialog.start.click();
      // From this job's page to the new job's.
      await expect(page).not.toHaveURL(new RegExp(firstId), { timeout: 60_000 });
      await expect(page).toHaveURL(/\/jobs\/[0-9a-f-]{36}$/);
      await expect(job.state).toHaveText("Completed", { timeout: 60_000 });
      await expect(job.stat("Done")).toHaveText(String(LATE_RECORDS));
      await expect(job.stat("Failed")).toHaveText("0");
      await expect(job.retryFailedButton).toHaveCount(0);
      const records = await readRedeliveries(seed, lateTopic, LATE_RECORDS);
      expect(new Set(records.map((r) => r.source))).toEqual(new Set(Array.from({ length: LATE_RECORDS }, (_, n) => `${lateDlq}/0/${n}`)));
      await expect(job.definition).toContainText(`Records job ${firstId.slice(0, 8)} failed on that are still pending`);
      await job.definition.getByRole("link", { name: "Open that job" }).click();
      await expect(page).toHaveURL(new RegExp(`/jobs/${firstId}$`));
      await expect(job.stat("Failed")).toHaveText(String(LATE_RECORDS));
    });
  });

  test("Cancel asks first, and the records not yet done stay pending", async ({ page, playwright }) => {
    const api = await operatorApi(playwright);
    const jobId = await startSlowJob(api, cancelDlq);
    await api.dispose();
    const job = new JobPage(page);
    await job.goto(jobId);
    await expect(job.state).toHaveText("Running");
    await job.cancelButton.click();
    await expect(job.cancelDialog).toContainText("stay pending");
    await job.cancelDialog.getByRole("button", { name: "Keep it" }).click();
    await expect(job.cancelDialog).toBeHidden();
    await expect(job.state).not.toHaveText("Cancelled");
    await job.cancelButton.click();
    await job.cancelDialog.getByRole("button", { name: "Cancel job", exact: true }).click();
    await expect(job.state).toHaveText("Cancelled");
    await expect(job.resumeButton).toHaveCount(0);
    // The record on its way when the cancel landed is still sent and counted; the page follows it for a while.
    await page.waitForTimeout(3_000);
    const done = Number(await job.stat("Done").innerText());
    expect(done).toBeLessThan(SLOW_RECORDS);
    const dlqPage = new DlqPage(page);
    await dlqPage.goto(cancelDlq);
    await expect(dlqPage.stat("Pending")).toHaveText(String(SLOW_RECORDS - done), { timeout: 20_000 });
  });
});

test("a viewer watches jobs but gets no bulk controls, no job controls, and 403 from the jobs API", async ({
  page,
  playwright,
  baseURL,
}) => {
  const dlqPage = await openIndexed(page, viewerDlq, SLOW_RECORDS);
  await expect(dlqPage.userMenuButton).toContainText("viewer");
  await expect(dlqPage.messageRows.first()).toBeVisible();
  await expect(dlqPage.bulkActions).toHaveCount(0);
  await expect(dlqPage.messagesTable.getByRole("checkbox")).toHaveCount(0);
  await dlqPage.group("PriceMissingException").click();
  await expect(dlqPage.group("PriceMissingException")).toHaveAttribute("aria-pressed", "true");
  await expect(dlqPage.groupJobButton("Redeliver group…")).toHaveCount(0);

  const api = await operatorApi(playwright);
  const jobId = await startSlowJob(api, viewerDlq);
  const job = new JobPage(page);
  await job.navLink("Jobs").click();
  await new JobsPage(page).jobRow(jobId).getByRole("link").first().click();
  await expect(job.heading("Redeliver job")).toBeVisible();
  await expect(job.progressBar).toBeVisible();
  await expect(job.state).toHaveText("Running");
  await expect(job.pauseButton).toHaveCount(0);
  await expect(job.resumeButton).toHaveCount(0);
  await expect(job.cancelButton).toHaveCount(0);

  const headers = { Origin: baseURL! };
  const jobs = `/api/clusters/default/dlqs/${encodeURIComponent(viewerDlq)}/jobs`;
  expect((await page.request.post(jobs, { data: { action: "redeliver", filter: {}, dryRun: true }, headers })).status()).toBe(403);
  expect((await page.request.post(jobs, { data: { action: "discard", filter: {}, reason: "not mine" }, headers })).status()).toBe(403);
  expect((await page.request.post(`/api/jobs/${jobId}/pause`, { data: {}, headers })).status()).toBe(403);
  // Stop the slow job: nothing else in the suite needs it.
  await api.post(`/api/jobs/${jobId}/cancel`, { data: {} });
  await api.dispose();
});
