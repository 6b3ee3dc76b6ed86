// The DLQ page in a real browser against the production build, the server's indexer and the real broker: failure
// groups, filters kept in the URL, status tabs, search, keyboard navigation, live arrivals and virtualisation.
import { expect, test, type Page } from "@playwright/test";
import { DlqPage } from "./pages/dlq-page";
import { MessagePage } from "./pages/message-page";
import { OverviewPage } from "./pages/overview-page";
import { springDltRecord, type SpringFailure } from "./support/dlq-records";
import { KafkaSeed, uniqueName, type SeedRecord } from "./support/kafka-seed";

const seed = new KafkaSeed();
const originalTopic = uniqueName("e2e-orders");
const dlq = `${originalTopic}.DLT`;
const bulkDlq = `${uniqueName("e2e-bulk")}-dlq`;
const BULK_RECORDS = Number(process.env.DLQ_BULK_RECORDS ?? 2_000);
/** DLQ_SCREENSHOTS=1 also writes docs/screenshots/dlq-page*.png. */
const SCREENSHOTS = process.env.DLQ_SCREENSHOTS === "1";

const notFound = (n: number, extra: Partial<SpringFailure> = {}) =>
  springDltRecord({
    originalTopic,
    exceptionClass: "com.example.orders.OrderNotFoundException",
    message: `Order ${n} not found`,
    key: `order-${n}`,
    value: JSON.stringify({ orderId: n, amount: 12.5 }),
    ...extra,
  });
const declined = (customer: number) =>
  springDltRecord({
    originalTopic,
    exceptionClass: "com.example.payments.PaymentDeclinedException",
    message: `Card declined for customer ${customer}`,
    key: `customer-${customer}`,
    value: JSON.stringify({ customer }),
  });

test.beforeAll(async () => {
  await seed.createTopic(dlq, 1);
  await seed.produceRecords(dlq, [
    notFound(123),
    declined(7),
    notFound(987),
    // Attacker-controlled bytes must render as text.
    notFound(555, { key: `<img src=x onerror="window.__xss=1">` }),
    declined(8),
  ]);
});

test.afterAll(() => seed.cleanup());

/** Marks the document, so a test can tell that what it saw arrived without a reload. */
const markDocument = (page: Page) => page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
const sameDocument = (page: Page) => page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument === true);

test("failure groups filter the table, the view survives a reload, and new records appear live", async ({ page }) => {
  // The first indexing and the live arrival each wait on the server's indexer.
  test.setTimeout(150_000);
  const dlqPage = new DlqPage(page);

  await test.step("the DLQ is listed under Dead-letter queues and on the overview, which leads to its page", async () => {
    const overview = new OverviewPage(page);
    await overview.goto();
    await overview.navLink("Dead-letter queues").click();
    await expect(overview.heading("Dead-letter queues")).toBeVisible();
    await expect(overview.dlqItem(dlq)).toContainText("5", { timeout: 30_000 });
    await overview.navLink("Overview").click();
    await overview.dlqItem(dlq).getByRole("link", { name: dlq, exact: true }).click();
    await expect(page).toHaveURL(`/clusters/default/dlqs/${encodeURIComponent(dlq)}`);
  });

  await test.step("the page shows both failure groups with their counts once the indexer has the records", async () => {
    await expect(dlqPage.group("OrderNotFoundException")).toBeVisible({ timeout: 30_000 });
    await expect(dlqPage.heading(dlq)).toBeVisible();
    await expect(dlqPage.group("OrderNotFoundException")).toContainText("Order <n> not found");
    await expect(dlqPage.group("OrderNotFoundException")).toContainText("3 / 3");
    await expect(dlqPage.group("PaymentDeclinedException")).toContainText("2 / 2");
    await expect(dlqPage.stat("Pending")).toHaveText("5");
    await expect(dlqPage.messageRows).toHaveCount(5);
    await expect(dlqPage.updated).toBeVisible();
    await expect(dlqPage.messagesTable).toContainText(`<img src=x onerror="window.__xss=1">`);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    if (SCREENSHOTS) await screenshots(page, "dlq-page");
  });

  await test.step("choosing a group puts its fingerprint in the URL and shows only its rows", async () => {
    await dlqPage.group("OrderNotFoundException").click();
    await expect(page).toHaveURL(/[?&]fingerprint=[^&]+/);
    await expect(dlqPage.group("OrderNotFoundException")).toHaveAttribute("aria-pressed", "true");
    await expect(dlqPage.messageRows).toHaveCount(3);
    for (const row of await dlqPage.messageRows.all()) await expect(row).toContainText("OrderNotFoundException");
    await expect(dlqPage.groupChip).toBeVisible();
  });

  await test.step("a reload restores the same view", async () => {
    await page.reload();
    await expect(dlqPage.group("OrderNotFoundException")).toHaveAttribute("aria-pressed", "true", { timeout: 20_000 });
    await expect(dlqPage.messageRows).toHaveCount(3);
    await expect(dlqPage.groupChip).toBeVisible();
  });

  await test.step("status tabs carry their counts and filter by status", async () => {
    await expect(dlqPage.statusTab("Pending")).toHaveAttribute("aria-selected", "true");
    await expect(dlqPage.statusTab("Pending")).toContainText("5");
    await dlqPage.statusTab("Redelivered").click();
    await expect(page).toHaveURL(/status=redelivered/);
    await expect(dlqPage.messageRows).toHaveCount(0);
    await expect(page.getByText("No messages match these filters")).toBeVisible();
    await dlqPage.statusTab("All").click();
    await expect(page).toHaveURL(/status=all/);
    await expect(dlqPage.messageRows).toHaveCount(3);
  });

  await test.step('"/" focuses the search, and searching narrows the rows', async () => {
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press("/");
    await expect(dlqPage.search).toBeFocused();
    await page.keyboard.type("987");
    await expect(page).toHaveURL(/[?&]q=987/);
    await expect(dlqPage.messageRows).toHaveCount(1);
    await expect(dlqPage.messageRows.first()).toContainText("Order 987 not found");
    await dlqPage.search.fill("");
    await expect(dlqPage.messageRows).toHaveCount(3);
  });

  await test.step("j/k move the selection and Enter opens the selected message", async () => {
    await page.keyboard.press("Escape");
    await expect(dlqPage.search).not.toBeFocused();
    await page.keyboard.press("j");
    await expect(dlqPage.selectedRow).toHaveAttribute("aria-rowindex", "2");
    await page.keyboard.press("j");
    await expect(dlqPage.selectedRow).toHaveAttribute("aria-rowindex", "3");
    await page.keyboard.press("k");
    await expect(dlqPage.selectedRow).toHaveAttribute("aria-rowindex", "2");
    const offset = (await dlqPage.selectedRow.getByRole("link").innerText()).trim().replace(/,/g, "");
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(new RegExp(`/dlqs/${encodeURIComponent(dlq).replace(/\./g, "\\.")}/messages/0/${offset}$`));
    // The message page shows that record's failure and payload.
    const message = new MessagePage(page);
    await expect(message.exception).toContainText("OrderNotFoundException");
    await expect(message.failureMessage).toHaveText(/^Order (123|987|555) not found$/);
    await expect(message.prettyValue).toContainText('"orderId"');
    await page.goBack();
    await expect(dlqPage.messageRows).toHaveCount(3, { timeout: 20_000 });
  });

  await test.step("a record produced while the page is open appears without a reload", async () => {
    await markDocument(page);
    await seed.produceRecords(dlq, [notFound(4242)]);
    await expect(dlqPage.messageRows.first()).toContainText("Order 4242 not found", { timeout: 30_000 });
    await expect(dlqPage.messageRows).toHaveCount(4);
    await expect(dlqPage.group("OrderNotFoundException")).toContainText("4 / 4", { timeout: 15_000 });
    expect(await sameDocument(page)).toBe(true);
  });

  await test.step("clearing the filters shows every pending record again", async () => {
    await dlqPage.clearFilters.click();
    await expect(page).not.toHaveURL(/fingerprint=/);
    await expect(page).toHaveURL(/status=all/);
    await expect(dlqPage.messageRows).toHaveCount(6);
  });
});

test("a DLQ with nothing indexed gets a clear not-found page", async ({ page }) => {
  const dlqPage = new DlqPage(page);
  const missing = `${uniqueName("e2e-missing")}.DLT`;
  await dlqPage.goto(missing);
  await expect(dlqPage.notFound).toContainText(`No records of ${missing} have been indexed as a DLQ on cluster default`);
});

test("the message table keeps only the rows in view in the DOM and loads more on scroll", async ({ page }) => {
  test.setTimeout(BULK_RECORDS > 5_000 ? 300_000 : 120_000);
  const dlqPage = new DlqPage(page);

  await test.step(`seed ${BULK_RECORDS} records in batches`, async () => {
    await seed.createTopic(bulkDlq, 2);
    await produceBulk(bulkDlq, BULK_RECORDS);
  });

  await test.step("the first page renders a window of rows, not all of them", async () => {
    await dlqPage.goto(bulkDlq, "status=all");
    await expect(dlqPage.stat("Total")).toHaveText(BULK_RECORDS.toLocaleString("en-US"), { timeout: 120_000 });
    // The page opened while the indexer was still catching up: bursts bigger than a poll's page must leave the list
    // continuable, not "All 100 loaded".
    await expect(dlqPage.loadedNote).toHaveText(/ loaded · scroll for more$/);
    await page.reload();
    await expect(dlqPage.loadedNote).toHaveText("200 loaded · scroll for more");
    expect(await dlqPage.messageRows.count()).toBeLessThan(80);
  });

  await test.step("scrolling to the end loads every page while the DOM stays small", async () => {
    await expect(async () => {
      await dlqPage.scrollMessagesToEnd();
      await expect(dlqPage.loadedNote).toHaveText(`All ${BULK_RECORDS.toLocaleString("en-US")} loaded`, { timeout: 1_000 });
    }).toPass({ timeout: BULK_RECORDS > 5_000 ? 180_000 : 60_000 });
    expect(await dlqPage.messageRows.count()).toBeLessThan(80);
    await expect(dlqPage.messagesTable).toHaveAttribute("aria-rowcount", String(BULK_RECORDS + 1));
    // The virtualiser places rows by arithmetic (37 px each); a row of another height would drift over 10,000 rows.
    const heights = await dlqPage.messageRows.evaluateAll((rows) => rows.map((row) => row.getBoundingClientRect().height));
    expect(new Set(heights)).toEqual(new Set([37]));
  });

  await test.step("j moves the selection from the rows in view after a deep scroll", async () => {
    await page.keyboard.press("j");
    await expect(dlqPage.selectedRow).toHaveCount(1);
    if (SCREENSHOTS) {
      // Not full-page: the table's height follows the viewport, which a full-page capture stretches to every row.
      await page.setViewportSize({ width: 1440, height: 1000 });
      await screenshots(page, "dlq-page-10k", { mobile: false, fullPage: false });
    }
  });

  await test.step("scrolling through every loaded row keeps frames short", async () => {
    const frames = await dlqPage.messagesTable.evaluate(async (table) => {
      const box = table.parentElement!;
      const durations: number[] = [];
      let last = performance.now();
      // Two screens per frame from the end back to the top: each frame renders a fresh window of rows.
      for (let top = box.scrollHeight; top > 0; top -= box.clientHeight * 2) {
        box.scrollTop = top;
        await new Promise(requestAnimationFrame);
        const now = performance.now();
        durations.push(now - last);
        last = now;
      }
      return durations.sort((a, b) => a - b);
    });
    const p95 = frames[Math.floor(frames.length * 0.95)]!;
    test.info().annotations.push({
      type: "scroll frames",
      description: `${frames.length} frames, median ${frames[frames.length >> 1]!.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms`,
    });
    // Generous: a table that rendered every loaded row would take seconds per frame here.
    expect(p95).toBeLessThan(250);
  });
});

/** One produce call per 500 records: produceRecords sends one at a time, which is far too slow for thousands. */
async function produceBulk(topic: string, count: number) {
  const producer = seed.kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  try {
    for (let start = 0; start < count; start += 500) {
      const messages = Array.from({ length: Math.min(500, count - start) }, (_, i) => {
        const n = start + i;
        const record: SeedRecord = n % 3 === 0 ? declined(n) : notFound(n);
        return {
          partition: n % 2,
          key: record.key ?? null,
          value: record.value,
          headers: Object.fromEntries((record.headers ?? []).map(([key, value]) => [key, value ?? ""])),
        };
      });
      await producer.send({ topic, messages, acks: -1 });
    }
  } finally {
    await producer.disconnect();
  }
}

async function screenshots(page: Page, name: string, options: { mobile?: boolean; dark?: boolean; fullPage?: boolean } = {}) {
  const { mobile = true, dark = true, fullPage = true } = options;
  const url = page.url();
  const shoot = async (suffix: string) => {
    await page.waitForTimeout(400);
    await page.screenshot({ path: `docs/screenshots/${name}${suffix}.png`, fullPage });
  };
  await shoot("");
  if (dark) {
    await page.emulateMedia({ colorScheme: "dark" });
    await shoot("-dark");
    await page.emulateMedia({ colorScheme: "light" });
  }
  if (mobile) {
    const viewport = page.viewportSize()!;
    await page.setViewportSize({ width: 390, height: 844 });
    await shoot("-mobile");
    await page.setViewportSize(viewport);
  }
  expect(page.url()).toBe(url);
}
