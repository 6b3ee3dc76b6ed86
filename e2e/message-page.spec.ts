// The message page in a real browser against the production build, the server's indexer and the real broker:
// failure first, JSON shown exactly (int64 above 2^53 included), binary as hex, headers in record order with
// duplicates and nulls, the link back to a redelivered record's source, and a value above 1 MiB as a download that
// is not fetched again at every poll.
import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { MessagePage } from "./pages/message-page";
import { OverviewPage } from "./pages/overview-page";
import { springDltRecord } from "./support/dlq-records";
import { KafkaSeed, uniqueName } from "./support/kafka-seed";

const seed = new KafkaSeed();
const originalTopic = uniqueName("e2e-orders");
const dlq = `${originalTopic}.DLT`;
const MiB = 1024 * 1024;
/** MESSAGE_SCREENSHOTS=1 also writes docs/screenshots/message-page*.png. */
const SCREENSHOTS = process.env.MESSAGE_SCREENSHOTS === "1";

const JSON_VALUE = '{"id":9007199254740993,"items":[{"sku":"A-1","qty":2},[]],"note":"caf\\u00e9"}';
const BINARY_VALUE = Buffer.from([0x00, 0x01, 0x02, 0xff, 0xfe, 0x41, 0x42, 0x0a, 0x7f, 0x80]);
const HUGE_VALUE = Buffer.from(JSON.stringify({ blob: "x".repeat(3 * MiB) }));
const SPRING_HEADERS = [
  "kafka_dlt-original-topic",
  "kafka_dlt-original-partition",
  "kafka_dlt-original-offset",
  "kafka_dlt-original-timestamp",
  "kafka_dlt-original-timestamp-type",
  "kafka_dlt-original-consumer-group",
  "kafka_dlt-exception-fqcn",
  "kafka_dlt-exception-message",
  "kafka_dlt-exception-stacktrace",
];

const offsets: Record<"json" | "binary" | "redriven" | "huge" | "tombstone", string> = {
  json: "",
  binary: "",
  redriven: "",
  huge: "",
  tombstone: "",
};

test.beforeAll(async () => {
  await seed.createTopic(originalTopic, 1);
  // The broker's default limit is 1 MB per record batch.
  await seed.createTopic(dlq, 1, { "max.message.bytes": String(8 * MiB) });
  const failure = {
    originalTopic,
    exceptionClass: "com.example.orders.OrderNotFoundException",
    originalPartition: 3,
    originalOffset: 9_007_199_254_740_993n,
  };
  const placed = await seed.produceRecords(dlq, [
    springDltRecord({
      ...failure,
      message: "Order 9007199254740993 not found",
      consumerGroup: "orders-service",
      key: "order-9007199254740993",
      value: JSON_VALUE,
      extraHeaders: [
        ["traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"],
        ["tag", "first"],
        ["tag", "second"],
        ["empty-marker", null],
        ["binary-header", Buffer.from([0x00, 0xff, 0x10, 0x80])],
      ],
    }),
    springDltRecord({ ...failure, message: "Cannot deserialize payload", key: Buffer.from([0xde, 0xad, 0xbe, 0xef]), value: BINARY_VALUE }),
    springDltRecord({
      ...failure,
      message: "Order 1 not found",
      key: "order-1",
      value: '{"id":1}',
      extraHeaders: [
        ["x-redrive-source", `${dlq}/0/0`],
        ["x-redrive-count", "1"],
      ],
    }),
    springDltRecord({ ...failure, message: "Payload too large", key: "big", value: HUGE_VALUE }),
    springDltRecord({ ...failure, message: "Tombstone for a deleted order", key: "order-2", value: null }),
  ]);
  (["json", "binary", "redriven", "huge", "tombstone"] as const).forEach((name, i) => (offsets[name] = placed[i]!.offset));
});

test.afterAll(() => seed.cleanup());

test.beforeEach(async ({ page }) => {
  // The server's indexer picks the new DLQ up within seconds; wait for its last record once.
  await expect
    .poll(async () => (await page.request.get(`/api/clusters/default/dlqs/${dlq}/messages/0/${offsets.tombstone}`)).status(), {
      timeout: 30_000,
    })
    .toBe(200);
});

test("the failure comes first, with its stack trace behind a toggle and a link to the original topic", async ({ page }) => {
  const message = new MessagePage(page);
  await message.goto(dlq, 0, offsets.json);

  await expect(message.heading(`Partition 0 · offset ${offsets.json}`)).toBeVisible();
  await expect(message.exception).toHaveText("com.example.orders.OrderNotFoundException");
  await expect(message.failureMessage).toHaveText("Order 9007199254740993 not found");
  const failureTop = (await message.failure.boundingBox())!.y;
  const valueTop = (await page.getByRole("heading", { name: "Value", exact: true }).boundingBox())!.y;
  expect(failureTop).toBeLessThan(valueTop);

  await expect(message.origin("Partition")).toHaveText("3");
  await expect(message.origin("Offset")).toHaveText("9,007,199,254,740,993");
  await expect(message.origin("Consumer group")).toHaveText("orders-service");
  await expect(message.stat("Status")).toHaveText("pending");

  await expect(message.stackTrace).toBeHidden();
  await message.stackTraceToggle.click();
  await expect(message.stackTrace).toContainText("\tat com.example.orders.OrderHandler.handle(OrderHandler.java:42)");

  await message.origin("Original topic").getByRole("link", { name: originalTopic }).click();
  await expect(message.heading(originalTopic)).toBeVisible();
});

test("a JSON value is pretty-printed without losing precision, and Raw shows the exact bytes", async ({ page, context }) => {
  const message = new MessagePage(page);
  await message.goto(dlq, 0, offsets.json);

  await expect(message.valueView("Pretty")).toHaveAttribute("aria-pressed", "true");
  expect(await message.prettyValue.textContent()).toBe(
    '{\n  "id": 9007199254740993,\n  "items": [\n    {\n      "sku": "A-1",\n      "qty": 2\n    },\n    []\n  ],\n  "note": "caf\\u00e9"\n}',
  );
  if (SCREENSHOTS) await page.screenshot({ path: "docs/screenshots/message-page.png", fullPage: true });
  await message.valueView("Raw").click();
  expect(await message.rawValue.textContent()).toBe(JSON_VALUE);
  await message.valueView("Hex").click();
  await expect(message.hexValue).toContainText('00000000  7b 22 69 64 22 3a 39 30  30 37 31 39 39 32 35 34  |{"id":9007199254|');

  await expect(message.key).toContainText("order-9007199254740993");
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.getByRole("button", { name: "Copy key" }).click();
  await expect(page.getByRole("button", { name: "Copy key" })).toHaveText("Copied");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe("order-9007199254740993");
});

test("headers keep record order, duplicates and nulls; binary values show as hex and any value can", async ({ page }) => {
  const message = new MessagePage(page);
  await message.goto(dlq, 0, offsets.json);

  await expect(message.headerKeys).toHaveText([...SPRING_HEADERS, "traceparent", "tag", "tag", "empty-marker", "binary-header"]);
  await expect(message.headerRows.nth(0)).toContainText("failure");
  await expect(message.headerRows.nth(9)).not.toContainText("failure");
  await expect(message.headerValueCell(0)).toContainText(originalTopic);
  // Spring's 4-byte partition is valid UTF-8 but only control characters: hex first.
  await expect(message.headerValueCell(1)).toContainText("00 00 00 03");
  await expect(message.headerValueCell(10)).toContainText("first");
  await expect(message.headerValueCell(11)).toContainText("second");
  await expect(message.headerValueCell(12)).toHaveText("null");
  await expect(message.headerValueCell(13)).toContainText("00 ff 10 80");
  await expect(message.headerValueCell(13)).toContainText("binary");

  await message.headerValueCell(10).getByRole("button", { name: "Hex" }).click();
  await expect(message.headerValueCell(10)).toContainText("66 69 72 73 74");
  await expect(message.headerValueCell(11)).toContainText("second");
});

test("a binary value and key show as hex", async ({ page }) => {
  const message = new MessagePage(page);
  await message.goto(dlq, 0, offsets.binary);
  await expect(message.hexValue).toContainText("00000000  00 01 02 ff fe 41 42 0a  7f 80");
  await expect(message.hexValue).toContainText("|.....AB...|");
  await expect(message.valueView("Pretty")).toHaveCount(0);
  await expect(message.key).toContainText("de ad be ef");
  await expect(page.getByRole("button", { name: "Copy value as base64" })).toBeVisible();
  if (SCREENSHOTS) await page.screenshot({ path: "docs/screenshots/message-page-binary.png", fullPage: true });
});

test("a record that failed again after redelivery links to the one it was redelivered from", async ({ page }) => {
  const message = new MessagePage(page);
  await message.goto(dlq, 0, offsets.redriven);
  await expect(page.getByText("failed again after redelivery", { exact: true })).toBeVisible();
  await expect(message.headerRows.filter({ hasText: "x-redrive-source" })).toContainText("redrive");
  await message.redriveSource.getByRole("link", { name: `${dlq} partition 0 offset ${offsets.json}` }).click();
  await expect(message.heading(`Partition 0 · offset ${offsets.json}`)).toBeVisible();
  await expect(message.key).toContainText("order-9007199254740993");
});

test("a value above 1 MiB shows its first MiB and downloads whole", async ({ page }) => {
  const message = new MessagePage(page);
  await message.goto(dlq, 0, offsets.huge);
  await expect(message.truncationNote).toContainText(
    `Showing the first 1.0 MiB of 3.0 MiB (${HUGE_VALUE.length.toLocaleString("en-US")} bytes)`,
  );
  await expect(message.prettyValue).toContainText('"blob": "xxxx');

  const downloading = page.waitForEvent("download");
  await message.download.click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`${dlq}-0-${offsets.huge}.json`);
  const bytes = await readFile((await download.path())!);
  expect(bytes.length).toBe(HUGE_VALUE.length);
  expect(bytes.equals(HUGE_VALUE)).toBe(true);
  if (SCREENSHOTS) await page.screenshot({ path: "docs/screenshots/message-page-huge.png" });
});

test("a value above 1 MiB is fetched once, not again at every poll, and is not copied as if whole", async ({ page }) => {
  // The page polls a message every 30 s; a fake clock runs four of those intervals without waiting for them.
  await page.clock.install();
  const fetched: Record<string, number> = {};
  page.on("request", (request) => {
    const path = decodeURIComponent(new URL(request.url()).pathname);
    fetched[path] = (fetched[path] ?? 0) + 1;
  });
  const api = (name: keyof typeof offsets) => `/api/clusters/default/dlqs/${dlq}/messages/0/${offsets[name]}`;
  const message = new MessagePage(page);

  await test.step("a small value is polled", async () => {
    await message.goto(dlq, 0, offsets.json);
    await expect(message.key).toContainText("order-9007199254740993");
    await page.clock.runFor(120_000);
    await expect.poll(() => fetched[api("json")] ?? 0).toBeGreaterThan(1);
  });

  await test.step("a value the API cuts is fetched once", async () => {
    await message.goto(dlq, 0, offsets.huge);
    await expect(message.truncationNote).toBeVisible();
    await expect(message.download).toBeVisible();
    await expect(page.getByRole("button", { name: /^Copy value/ })).toHaveCount(0);
    await page.clock.runFor(120_000);
    // Long enough in real time for a request the timers started to be seen.
    await page.waitForTimeout(1_000);
    expect(fetched[api("huge")]).toBe(1);
  });
});

test("a tombstone says so, and an unknown offset is a clear not-found", async ({ page }) => {
  const message = new MessagePage(page);
  await message.goto(dlq, 0, offsets.tombstone);
  await expect(message.tombstone).toBeVisible();
  await expect(message.history).toContainText("No actions yet");

  await message.goto(dlq, 0, "999999");
  await expect(message.notFound).toHaveText(`No message at partition 0 offset 999999 in ${dlq}`);
  await expect(page.getByRole("link", { name: `Back to ${dlq}` })).toHaveAttribute(
    "href",
    `/clusters/default/dlqs/${encodeURIComponent(dlq)}`,
  );
  await message.goto(dlq, "x", "1");
  await expect(message.notFound).toHaveText(`No message at partition x offset 1 in ${dlq}`);
});

test("the overview lists the DLQ with its pending count and links to its page", async ({ page }) => {
  const overview = new OverviewPage(page);
  await overview.goto();
  const item = overview.dlqItem(dlq);
  await expect(item).toContainText("5");
  await expect(item).toContainText("oldest pending");
  await item.getByRole("link", { name: dlq, exact: true }).click();
  await expect(page).toHaveURL(`/clusters/default/dlqs/${encodeURIComponent(dlq)}`);
});

test("the page reads at 390 px and in the dark theme", async ({ page }) => {
  const message = new MessagePage(page);
  await page.emulateMedia({ colorScheme: "dark" });
  await message.goto(dlq, 0, offsets.json);
  await expect(message.prettyValue).toBeVisible();
  // Dark theme: the page background is dark, not the light default.
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const [r = 255, g = 255, b = 255] = (background.match(/\d+/g) ?? []).map(Number);
  expect(r + g + b).toBeLessThan(200);
  if (SCREENSHOTS) await page.screenshot({ path: "docs/screenshots/message-page-dark.png", fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.emulateMedia({ colorScheme: "light" });
  await expect(message.prettyValue).toBeVisible();
  // Long values scroll inside their own boxes; the page itself never scrolls sideways.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  if (SCREENSHOTS) await page.screenshot({ path: "docs/screenshots/message-page-390.png", fullPage: true });
});
