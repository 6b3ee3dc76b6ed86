// Monitoring in a real browser against the production build, the server's lag sampler, indexer and alert rounds, and
// the real broker: the group page charts sampled lag, the DLQ page charts inflow, an admin creates an alert rule
// whose test notice and firing notice reach a local receiver (allowed by REDRIVE_WEBHOOK_ALLOW; other internal
// addresses are refused), and a viewer sees no alert settings.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { DlqPage } from "./pages/dlq-page";
import { GroupPage } from "./pages/group-page";
import { SettingsPage } from "./pages/settings-page";
import { metricsListenPort, storageStatePath } from "./support/accounts";
import { springDltRecord } from "./support/dlq-records";
import { KafkaSeed, uniqueName } from "./support/kafka-seed";
import { screenshotVariants } from "./support/screenshots";
import { WebhookReceiver } from "./support/webhook-receiver";

/** MONITORING_SCREENSHOTS=1 also writes docs/screenshots/{group-lag,dlq-inflow,settings-alerts}*.png. */
const SCREENSHOTS = process.env.MONITORING_SCREENSHOTS === "1";
const HOUR = 3_600_000;
const seed = new KafkaSeed();
const lagTopic = uniqueName("e2e-lagging");
const group = uniqueName("e2e-billing");
/** A group with a member but no committed offset: it has no lag, so nothing is sampled for it. */
const idleGroup = uniqueName("e2e-idle");
const dlq = `${uniqueName("e2e-invoices")}.DLT`;
const receiver = new WebhookReceiver();
let webhookUrl = "";
/** When the DLQ's records were written (record timestamps), for what its inflow chart should say. */
let dlqRecordTimes: number[] = [];

test.beforeAll(async () => {
  await seed.createTopic(lagTopic, 1);
  await seed.produce(lagTopic, 0, 10);
  await seed.commitOffsets(group, lagTopic, { 0: 4 });
  await seed.createTopic(dlq, 1);
  await seed.joinWithoutCommitting(idleGroup, lagTopic);
  const record = (n: number, timestamp: number) => ({
    ...springDltRecord({
      originalTopic: dlq.replace(/\.DLT$/, ""),
      exceptionClass: "com.example.InvoiceRejected",
      message: `Invoice ${n} rejected`,
      key: `inv-${n}`,
      value: `{"invoice":${n}}`,
    }),
    timestamp,
  });
  // Three records this hour and two from three hours ago: two bars.
  const now = Date.now();
  dlqRecordTimes = [now, now, now, now - 3 * HOUR, now - 3 * HOUR];
  await seed.produceRecords(
    dlq,
    dlqRecordTimes.map((timestamp, n) => record(n, timestamp)),
  );
  webhookUrl = await receiver.start();
});

test.afterAll(async () => {
  await receiver.stop();
  await seed.cleanup();
});

/**
 * Polls a JSON API until `done` says its answer is in (the sampler and indexer run on the server's own clock). The
 * console indexes every DLQ on the shared broker, so a busy one can keep it from answering for a while: a dropped
 * connection is one more try, not a failure.
 */
async function waitForApi<T>(request: APIRequestContext, url: string, done: (body: T) => boolean) {
  await expect
    .poll(
      async () => {
        const response = await request.get(url, { timeout: 20_000 }).catch(() => null);
        return Boolean(response?.ok() && done((await response.json()) as T));
      },
      { timeout: 180_000, intervals: [1_000] },
    )
    .toBe(true);
}

test("the group page charts the lag the server sampled", async ({ page }) => {
  test.setTimeout(240_000);
  const groupPage = new GroupPage(page);
  await waitForApi<{ points: unknown[] }>(
    page.request,
    `/api/clusters/default/groups/${encodeURIComponent(group)}/lag-history?range=1h`,
    (b) => b.points.length >= 2,
  );
  await groupPage.goto(group);
  // The first page of a run waits on every API call of the shell; a busy machine can hold them up.
  await expect(groupPage.lagChart).toHaveAccessibleName(
    new RegExp(`^Total lag of ${group} over the last hour: latest 6, highest 6 over \\d+ points$`),
    { timeout: 45_000 },
  );
  await expect(groupPage.lagChart.locator("path")).toHaveAttribute("d", /^M[\d.]+,[\d.]+L/);
  if (SCREENSHOTS) await screenshotVariants(page, page.getByRole("region", { name: "Lag over time" }), "group-lag");

  await groupPage.lagRange("24h").click();
  await expect(groupPage.lagRange("24h")).toHaveAttribute("aria-pressed", "true");
  await expect(groupPage.lagChart).toHaveAccessibleName(new RegExp(`over the last 24 hours: latest 6`));

  await test.step("a group without lag to sample shows the empty state", async () => {
    await groupPage.goto(idleGroup);
    await expect(page.getByRole("img", { name: `Total lag of ${idleGroup} over the last hour: no data` })).toContainText(
      "No lag sampled in this range yet",
    );
  });
});

/**
 * The chart's last bar is the hour the page was rendered in (its data is read again every 30 s), so "latest" is the
 * count of records seeded in the current hour: 3 in the hour they were written, 0 once a run has crossed into the next.
 */
async function expectInflowSummary(dlqPage: DlqPage, range: string, points: number) {
  await expect
    .poll(
      async () => {
        const hourStart = Math.floor(Date.now() / HOUR) * HOUR;
        const latest = dlqRecordTimes.filter((t) => t >= hourStart).length;
        const summary = `latest ${latest}, highest 3, 5 records in all over ${points} points`;
        const expected = `Records per hour into ${dlq} over the last ${range}: ${summary}`;
        const shown = await dlqPage.inflowChart.getAttribute("aria-label");
        return shown === expected ? "as expected" : `shows "${shown}", expected "${expected}"`;
      },
      { timeout: 45_000 },
    )
    .toBe("as expected");
}

test("the DLQ page charts records per hour", async ({ page }) => {
  test.setTimeout(240_000);
  const dlqPage = new DlqPage(page);
  await waitForApi<{ points: { count: string }[] }>(
    page.request,
    `/api/clusters/default/dlqs/${encodeURIComponent(dlq)}/inflow`,
    (b) => b.points.reduce((n, p) => n + Number(p.count), 0) === 5,
  );
  await dlqPage.goto(dlq);
  await expectInflowSummary(dlqPage, "24 hours", 24);
  await expect(dlqPage.inflowChart.locator("rect")).toHaveCount(2);
  await expect(dlqPage.inflowChart.locator("rect title").first()).toHaveText(/^2 at \d{4}-\d\d-\d\d \d\d:00:00 UTC$/);
  await dlqPage.inflowRange("7d").click();
  await expectInflowSummary(dlqPage, "7 days", 168);
  await dlqPage.inflowRange("24h").click();
  if (SCREENSHOTS) await screenshotVariants(page, page.getByRole("region", { name: "Inflow" }), "dlq-inflow");
});

test.describe("alert settings", () => {
  test.use({ storageState: storageStatePath("admin") });

  test("an admin creates a rule; its test, firing and resolved notices reach the receiver; it can be edited, disabled and deleted", async ({
    page,
  }) => {
    test.setTimeout(120_000);
    const settings = new SettingsPage(page);
    const name = uniqueName("Invoices DLQ");
    await settings.goto();

    await test.step("a non-http(s) webhook is refused with the field named", async () => {
      await settings.createAlertRule({
        name,
        condition: "DLQ pending above N",
        target: dlq,
        threshold: "2",
        webhookUrl: "ftp://hooks.example.com/x",
      });
      await expect(settings.newAlertForm.getByRole("alert")).toContainText("webhookUrl: only http:// and https:// URLs");
    });

    await test.step("internal addresses REDRIVE_WEBHOOK_ALLOW does not list are refused, naming the host and why", async () => {
      // Refused when saved, before any connection: the console allows 127.0.0.1 (the receiver) and nothing else.
      const webhookField = settings.newAlertForm.getByLabel("Webhook URL", { exact: true });
      const create = settings.newAlertForm.getByRole("button", { name: "Create rule", exact: true });
      for (const [url, why] of [
        ["http://127.0.0.2:8080/hook", `"127.0.0.2" is a loopback address (127.0.0.0/8)`],
        ["http://169.254.169.254/latest/meta-data/", `"169.254.169.254" is a link-local address (169.254.0.0/16)`],
        ["http://10.0.0.1/hook", `"10.0.0.1" is a private address (10.0.0.0/8)`],
      ]) {
        await webhookField.fill(url!);
        await create.click();
        const message = `webhookUrl: ${why}; list it in REDRIVE_WEBHOOK_ALLOW to send there`;
        await expect(settings.newAlertForm.getByRole("alert")).toContainText(message);
      }
      await expect(settings.alertRow(name)).toHaveCount(0);
    });

    await test.step("the rule is created with its webhook masked", async () => {
      await settings.newAlertForm.getByLabel("Webhook URL", { exact: true }).fill(webhookUrl);
      await settings.newAlertForm.getByRole("button", { name: "Create rule", exact: true }).click();
      await expect(settings.alertRow(name)).toContainText(`${dlq}: pending above 2`);
      await expect(settings.alertRow(name)).toContainText(`${new URL(webhookUrl).origin}/…`);
      await expect(settings.alertRulesTable).not.toContainText("s3cr3t-webhook-token");
    });

    await test.step("Send test reaches the local receiver", async () => {
      await settings.alertButton(name, "Send test").click();
      await expect(settings.alertRow(name).getByRole("status")).toHaveText("Test delivered (HTTP 200)");
      expect(receiver.texts()).toContain(`[Redrive] Test notice for "${name}"`);
    });

    await test.step("Send test to a receiver that fails says so with the HTTP status only", async () => {
      const failing = new WebhookReceiver();
      failing.status = 500;
      const failingName = uniqueName("Failing hook");
      try {
        const failingUrl = await failing.start();
        const rule = { name: failingName, condition: "DLQ pending above N", target: dlq, threshold: "1000", webhookUrl: failingUrl };
        await settings.createAlertRule(rule);
        await settings.alertButton(failingName, "Send test").click();
        await expect(settings.alertRow(failingName).getByRole("status")).toHaveText("Test failed: HTTP 500");
        await settings.alertButton(failingName, "Delete").click();
        await settings.deleteAlertDialog(failingName).getByRole("button", { name: "Delete", exact: true }).click();
        await expect(settings.alertRow(failingName)).toHaveCount(0);
      } finally {
        await failing.stop();
      }
    });

    await test.step("the server's alert round fires the rule (the DLQ has 5 pending) and posts once", async () => {
      await expect(settings.alertRow(name)).toContainText("firing", { timeout: 60_000 });
      await expect(settings.alertRow(name)).toContainText(`${dlq}: 5 pending`);
      await expect.poll(() => receiver.texts().filter((t) => t === `[Redrive] FIRING: ${name}`).length, { timeout: 30_000 }).toBe(1);
      if (SCREENSHOTS) await screenshotVariants(page, page.getByRole("region", { name: "Alerts" }), "settings-alerts");
    });

    await test.step("raising the threshold above what is pending resolves the rule, posted once", async () => {
      await settings.alertButton(name, "Edit").click();
      await settings.editAlertForm.getByLabel("Pending above (records)", { exact: true }).fill("10");
      await settings.editAlertForm.getByRole("button", { name: "Save rule", exact: true }).click();
      await expect(settings.editAlertForm).toHaveCount(0);
      await expect(settings.alertRow(name)).toContainText(`${dlq}: pending above 10`);
      await expect(settings.alertRow(name).getByText("ok", { exact: true })).toBeVisible({ timeout: 30_000 });
      await expect.poll(() => receiver.texts().filter((t) => t === `[Redrive] RESOLVED: ${name}`).length, { timeout: 30_000 }).toBe(1);
    });

    await test.step("disabling and deleting", async () => {
      await settings.alertEnabled(name).uncheck();
      await expect(settings.alertRow(name)).toContainText("disabled");
      await settings.alertButton(name, "Delete").click();
      await settings.deleteAlertDialog(name).getByRole("button", { name: "Delete", exact: true }).click();
      await expect(settings.alertRow(name)).toHaveCount(0);
      // A few more rounds: nothing more was posted for it. (In any order: the rule may fire, in the server's first
      // alert round after it was created, before the test notice is sent.)
      await page.waitForTimeout(5_000);
      expect(
        receiver
          .texts()
          .filter((t) => t.includes(name))
          .sort(),
      ).toEqual([`[Redrive] FIRING: ${name}`, `[Redrive] RESOLVED: ${name}`, `[Redrive] Test notice for "${name}"`].sort());
    });
  });
});

test("a viewer sees no alert settings and the API refuses them", async ({ page }) => {
  const settings = new SettingsPage(page);
  await settings.goto();
  await expect(settings.forbidden).toBeVisible();
  await expect(settings.alertRulesTable).toHaveCount(0);
  await expect(settings.navLink("Settings")).toHaveCount(0);
  expect((await page.request.get("/api/alerts")).status()).toBe(403);
});

test("the metrics-only port serves Prometheus text to loopback without a token, and nothing else", async ({ playwright }) => {
  // A context with no session at all: the listener's allow-list is the only gate.
  const anonymous = await playwright.request.newContext({ storageState: { cookies: [], origins: [] } });
  const metrics = await anonymous.get(`http://127.0.0.1:${metricsListenPort}/metrics`);
  expect(metrics.status()).toBe(200);
  expect(metrics.headers()["content-type"]).toContain("text/plain; version=0.0.4");
  expect(await metrics.text()).toMatch(/^redrive_kafka_up\{cluster="default"\} 1$/m);
  expect((await anonymous.get(`http://127.0.0.1:${metricsListenPort}/api/clusters`)).status()).toBe(404);
  await anonymous.dispose();
});
