// Keys, values, headers and failure text are attacker-controlled. Seed records full of markup and script URLs and
// prove that the message page, the DLQ page and the overview show them literally and run none of them.
import { expect, test, type Page } from "@playwright/test";
import { DlqPage } from "./pages/dlq-page";
import { MessagePage } from "./pages/message-page";
import { OverviewPage } from "./pages/overview-page";
import { springDltRecord } from "./support/dlq-records";
import { KafkaSeed, uniqueName } from "./support/kafka-seed";

const seed = new KafkaSeed();
const dlq = `${uniqueName("e2e-hostile")}.DLT`;

const IMG = `<img src=x onerror="window.__pwned=1">`;
const SCRIPT = `<script>window.__pwned=1</script>`;
const SVG = `<svg onload="window.__pwned=1;alert(1)"></svg>`;
const JS_URL = `javascript:window.__pwned=1;alert(1)`;
const STYLE = `<style>body{display:none}</style>`;

test.beforeAll(async () => {
  await seed.createTopic(dlq, 1);
  await seed.produceRecords(dlq, [
    springDltRecord({
      // A topic name from a header is not limited to Kafka's topic characters.
      originalTopic: JS_URL,
      consumerGroup: `${IMG}-group`,
      exceptionClass: `com.example.${SCRIPT}Exception`,
      message: `Bad order ${IMG} ${SVG}`,
      stacktrace: `java.lang.IllegalStateException: ${SCRIPT}\n\tat ${IMG}.handle(Evil.java:1)\n\tat ${STYLE}`,
      key: `${IMG}key`,
      value: `${SCRIPT}${IMG}${SVG}${STYLE}`,
      extraHeaders: [
        [IMG, SCRIPT],
        ["x-link", JS_URL],
        [`${SVG}`, null],
      ],
    }),
    springDltRecord({
      originalTopic: "orders",
      exceptionClass: "com.example.JsonException",
      message: "JSON with markup in it",
      key: JS_URL,
      value: JSON.stringify({ html: IMG, script: SCRIPT, href: JS_URL }),
    }),
  ]);
});

test.afterAll(() => seed.cleanup());

/** Records every dialog, so a test can assert that none opened. */
function watchDialogs(page: Page): string[] {
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return dialogs;
}

async function expectNothingRan(page: Page, dialogs: readonly string[]) {
  expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
  expect(dialogs).toEqual([]);
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  await expect(page.locator("svg[onload]")).toHaveCount(0);
  await expect(page.locator("script", { hasText: "__pwned" })).toHaveCount(0);
  await expect(page.locator("style", { hasText: "display:none" })).toHaveCount(0);
  await expect(page.locator('a[href^="javascript:"]')).toHaveCount(0);
  await expect(page.locator("body")).toBeVisible();
}

test.beforeEach(async ({ page }) => {
  await expect
    .poll(async () => (await page.request.get(`/api/clusters/default/dlqs/${dlq}/messages/0/1`)).status(), { timeout: 30_000 })
    .toBe(200);
});

test("the message page shows hostile key, value, headers and failure text literally and runs none of it", async ({ page }) => {
  const dialogs = watchDialogs(page);
  const message = new MessagePage(page);
  await message.goto(dlq, 0, "0");

  await expect(message.exception).toHaveText(`com.example.${SCRIPT}Exception`);
  await expect(message.failureMessage).toHaveText(`Bad order ${IMG} ${SVG}`);
  await message.stackTraceToggle.click();
  await expect(message.stackTrace).toContainText(`at ${IMG}.handle(Evil.java:1)`);
  await expect(message.origin("Original topic")).toHaveText(JS_URL);
  await expect(message.origin("Consumer group")).toHaveText(`${IMG}-group`);
  await expect(message.key).toContainText(`${IMG}key`);
  expect(await message.rawValue.textContent()).toBe(`${SCRIPT}${IMG}${SVG}${STYLE}`);
  // After Spring's nine failure headers come the hostile ones, in record order.
  await expect(message.headerKeys.nth(9)).toHaveText(IMG);
  await expect(message.headerValueCell(9)).toContainText(SCRIPT);
  await expect(message.headerKeys.nth(10)).toHaveText("x-link");
  await expect(message.headerValueCell(10)).toContainText(JS_URL);
  await expect(message.headerKeys.nth(11)).toHaveText(SVG);
  await expect(message.headerValueCell(11)).toHaveText("null");

  // Links built from hostile text stay inside the console.
  for (const link of await message.failure.getByRole("link").all()) {
    expect(await link.getAttribute("href")).toMatch(/^\/clusters\/default\//);
  }
  await expectNothingRan(page, dialogs);
});

test("a JSON value with markup in its strings is pretty-printed as text", async ({ page }) => {
  const dialogs = watchDialogs(page);
  const message = new MessagePage(page);
  await message.goto(dlq, 0, "1");
  await expect(message.prettyValue).toContainText(`"html": "<img src=x onerror=\\"window.__pwned=1\\">"`);
  await expect(message.key).toContainText(JS_URL);
  await expectNothingRan(page, dialogs);
});

test("the DLQ page and the overview list hostile records as text", async ({ page }) => {
  const dialogs = watchDialogs(page);
  const dlqPage = new DlqPage(page);
  await dlqPage.goto(dlq, "status=all");
  await expect(dlqPage.messageRows).toHaveCount(2, { timeout: 30_000 });
  await expect(dlqPage.messagesTable).toContainText(`${IMG}key`);
  await expectNothingRan(page, dialogs);

  const overview = new OverviewPage(page);
  await overview.goto();
  await expect(overview.dlqPending(dlq)).toHaveText("2");
  await expectNothingRan(page, dialogs);
});
