// Records that used to stop the indexer, in a real browser against the production build and the real broker: a
// NUL in a failure message is listed with U+FFFD, a record stored unparsed shows why in the list and on its page,
// and a DLQ of many failure groups lists them a page at a time in a virtualised list.
import { expect, test } from "@playwright/test";
import { DlqPage } from "./pages/dlq-page";
import { MessagePage } from "./pages/message-page";
import { springDltRecord } from "./support/dlq-records";
import { KafkaSeed, uniqueName } from "./support/kafka-seed";

const seed = new KafkaSeed();
const dlq = `${uniqueName("e2e-hostile-records")}.DLT`;
const groupsDlq = `${uniqueName("e2e-many-groups")}.DLT`;
const GROUPS = 1_000;
/** HOSTILE_SCREENSHOTS=1 also writes test-results/hostile-*.png for review. */
const SCREENSHOTS = process.env.HOSTILE_SCREENSHOTS === "1";
const UNPARSED_REASON = "its timestamp 9000000000000000 is out of range";

test.beforeAll(async () => {
  // Any CreateTime accepted, as a DLQ written by another cluster's tools may hold.
  await seed.createTopic(dlq, 1, { "message.timestamp.after.max.ms": "9223372036854775807" });
  await seed.produceRecords(dlq, [
    springDltRecord({
      originalTopic: "orders",
      exceptionClass: "com.example.BadBytes",
      message: "bad\u0000nul",
      key: "nul",
      value: "{}",
      extraHeaders: [["trace\u0000id", "1"]],
    }),
    { key: "far-future", value: "{}", timestamp: 9_000_000_000_000_000, headers: [["dlq-reason", "from the far future"]] },
    springDltRecord({
      originalTopic: "orders",
      exceptionClass: "com.example.OrderNotFound",
      message: "Order 7 not found",
      key: "after",
      value: "{}",
    }),
  ]);
  await seed.createTopic(groupsDlq, 1);
  await seed.produceMany(
    groupsDlq,
    Array.from({ length: GROUPS }, (_, i) =>
      springDltRecord({ originalTopic: "orders", exceptionClass: `com.example.Failure${i}`, message: "failed", value: "{}" }),
    ),
  );
});

test.afterAll(() => seed.cleanup());

test("a NUL in a failure message is listed with U+FFFD, and a record stored unparsed shows why", async ({ page }) => {
  const dlqPage = new DlqPage(page);
  const message = new MessagePage(page);

  await test.step("every record is listed, the one after them too", async () => {
    await dlqPage.goto(dlq);
    await expect(dlqPage.messageRows).toHaveCount(3, { timeout: 30_000 });
    await expect(dlqPage.messageRow("bad\ufffdnul")).toBeVisible();
    await expect(dlqPage.messageRow("Order 7 not found")).toBeVisible();
    const unparsed = dlqPage.messageRow(`Record stored unparsed: ${UNPARSED_REASON}`);
    await expect(unparsed).toBeVisible();
    await expect(unparsed.getByText("unparsed", { exact: true })).toHaveAttribute("title", `Stored unparsed: ${UNPARSED_REASON}`);
    if (SCREENSHOTS) await dlqPage.messagesTable.screenshot({ path: "test-results/hostile-list.png" });
  });

  await test.step("the NUL record's page shows the message and a header key with U+FFFD, and keeps the key's bytes", async () => {
    await dlqPage.messageRow("bad\ufffdnul").click();
    await expect(message.failureMessage).toHaveText("bad\ufffdnul");
    await expect(message.unparsedNote).toHaveCount(0);
    const keyCell = page.getByRole("table", { name: "Headers" }).getByRole("cell").filter({ hasText: "trace\ufffdid" });
    await expect(keyCell.getByText("raw key", { exact: true })).toHaveAttribute(
      "title",
      new RegExp(`^The key's bytes \\(base64\\): ${Buffer.from("trace\u0000id").toString("base64")}\\.`),
    );
    if (SCREENSHOTS) await page.getByRole("table", { name: "Headers" }).screenshot({ path: "test-results/hostile-headers.png" });
  });

  await test.step("the unparsed record's page says why it was stored unparsed", async () => {
    await message.goto(dlq, 0, "1");
    await expect(message.unparsedNote).toContainText(`Stored unparsed: ${UNPARSED_REASON}`);
    if (SCREENSHOTS) await message.failure.screenshot({ path: "test-results/hostile-unparsed.png" });
  });
});

test("a DLQ of 1,000 failure groups lists them a page at a time, with only the rows in view in the page", async ({ page }) => {
  const dlqPage = new DlqPage(page);
  await dlqPage.goto(groupsDlq);

  await test.step("the first page is listed, the count names them all", async () => {
    await expect(dlqPage.stat("Failure groups")).toHaveText("1,000", { timeout: 60_000 });
    await expect(dlqPage.groupsLoadedNote).toHaveText("100 of 1,000 · pending / total");
    const rendered = await dlqPage.groupRows.count();
    expect(rendered).toBeGreaterThan(0);
    expect(rendered).toBeLessThan(30);
    if (SCREENSHOTS) await page.getByRole("region", { name: "Failure groups" }).screenshot({ path: "test-results/hostile-groups.png" });
  });

  await test.step("scrolling to the end loads the next page, still with few rows in the page", async () => {
    await dlqPage.scrollGroupsToEnd();
    await expect(dlqPage.groupsLoadedNote).toHaveText("200 of 1,000 · pending / total");
    await dlqPage.scrollGroupsToEnd();
    await expect(dlqPage.groupsLoadedNote).toHaveText("300 of 1,000 · pending / total");
    expect(await dlqPage.groupRows.count()).toBeLessThan(30);
  });

  await test.step("a group far down filters the table like any other", async () => {
    const group = dlqPage.groupRows.last().getByRole("button");
    // The button's title is the exception class and the reason, one a line.
    const exceptionClass = (await group.getAttribute("title"))!.split("\n")[0]!;
    await group.click();
    await expect(dlqPage.messageRows).toHaveCount(1);
    await expect(page.getByText(`${exceptionClass.replace(/^.*\./, "")} · failed`)).toBeVisible();
  });
});
