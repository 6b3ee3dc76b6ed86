// Redeliver and Discard on the message page, as an operator against the production build and the real broker:
// the record read back from the target topic has the DLQ record's key and value bytes (or the edited value), the
// status and history follow, invalid JSON cannot be sent, a refused redelivery keeps its dialog open with the server's message, and a viewer gets no buttons and 403.
import { expect, test, type Page } from "@playwright/test";
import { MessagePage } from "./pages/message-page";
import { accounts, storageStatePath } from "./support/accounts";
import { springDltRecord } from "./support/dlq-records";
import { KafkaSeed, uniqueName } from "./support/kafka-seed";
import { readTopic as readWithHeaders } from "./support/topic-reader";

const seed = new KafkaSeed();
const originalTopic = uniqueName("e2e-payments");
const dlq = `${originalTopic}.DLT`;
/** Where the edited record goes: not the original topic, so its one record is the edited one. */
const fixedTopic = uniqueName("e2e-payments-fixed");
/** Where the record with an edited key, binary value and headers goes. */
const rekeyedTopic = uniqueName("e2e-payments-rekeyed");
const BINARY = Buffer.from([0x00, 0xff, 0x10, 0x80, 0x7f]);
const EDITED_BINARY = Buffer.from([0xca, 0xfe, 0x00, 0x01]);
const KEY = Buffer.from("payment-7", "utf8");
// Multi-byte UTF-8 and a large int64: any re-encoding on the way would change the bytes.
const VALUE = Buffer.from('{"paymentId":9007199254740993,"payee":"Café Zoë","amount":"12.50"}', "utf8");

const EDITED = '{\n  "paymentId": 9007199254740993,\n  "payee": "Café Zoë",\n  "amount": "13.50"\n}';

/** JSON over 1,000 lines; each shift changes every line: 2,000 lines added and removed, past what the dialog diffs. */
const manyLines = (shift: number) => `{\n${Array.from({ length: 1_000 }, (_, i) => `  "k${i}": ${i + shift}`).join(",\n")}\n}`;

const offsets = { redeliver: "", discard: "", viewer: "", edit: "", binary: "", large: "" };

test.beforeAll(async () => {
  await seed.createTopic(originalTopic, 1);
  await seed.createTopic(dlq, 1);
  await seed.createTopic(fixedTopic, 1);
  await seed.createTopic(rekeyedTopic, 1);
  const record = (message: string) =>
    springDltRecord({
      originalTopic,
      exceptionClass: "com.example.payments.PayeeUnknownException",
      message,
      key: KEY,
      value: VALUE,
      extraHeaders: [
        ["traceparent", "00-1"],
        ["tenant", "acme"],
      ],
    });
  const binary = springDltRecord({
    originalTopic,
    exceptionClass: "com.example.payments.PayeeUnknownException",
    message: "Payee 11 unknown",
    key: KEY,
    value: BINARY,
    extraHeaders: [
      ["traceparent", "00-1"],
      ["tenant", "acme"],
    ],
  });
  const exceptionClass = "com.example.payments.PayeeUnknownException";
  const large = springDltRecord({ originalTopic, exceptionClass, message: "Payee 12 unknown", key: KEY, value: manyLines(0) });
  const placed = await seed.produceRecords(dlq, [...[7, 8, 9, 10].map((n) => record(`Payee ${n} unknown`)), binary, large]);
  (["redeliver", "discard", "viewer", "edit", "binary", "large"] as const).forEach((name, i) => (offsets[name] = placed[i]!.offset));
});

test.afterAll(() => seed.cleanup());

// The first visit waits on the server's indexer picking the new DLQ up, which can take a rejoin or two.
test.describe.configure({ timeout: 180_000 });

/** Opens the message once the server's indexer has stored it (it picks new DLQs up within seconds). */
async function openIndexed(page: Page, offset: string): Promise<MessagePage> {
  const message = new MessagePage(page);
  await expect(async () => {
    await message.goto(dlq, 0, offset);
    await expect(message.failure).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 100_000 });
  return message;
}

/** Every record of a one-partition topic, read from the start with a group of its own. */
async function readTopic(topic: string, expected: number): Promise<{ key: Buffer | null; value: Buffer | null }[]> {
  const consumer = seed.kafka.consumer({ groupId: uniqueName("e2e-triage-read") });
  const records: { key: Buffer | null; value: Buffer | null }[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void records.push({ key: message.key, value: message.value }) });
    await expect.poll(() => records.length, { timeout: 20_000 }).toBeGreaterThanOrEqual(expected);
  } finally {
    await consumer.disconnect();
  }
  return records;
}

test.describe("as an operator", () => {
  test.use({ storageState: storageStatePath("operator") });
  // A fresh session per test: auth.spec signs the operator out everywhere, which ends the saved session too.
  test.beforeEach(async ({ page, baseURL }) => {
    const signedIn = await page.request.post("/api/auth/sign-in/username", {
      headers: { origin: baseURL! },
      data: { username: accounts.operator.username, password: accounts.operator.password },
    });
    expect(signedIn.ok()).toBe(true);
  });

  test("r opens Redeliver; a refused target keeps the dialog open; confirming sends the exact bytes and updates status and history", async ({
    page,
  }) => {
    const message = await openIndexed(page, offsets.redeliver);
    await expect(message.stat("Status")).toHaveText("pending");
    await expect(message.redeliverButton).toBeVisible();

    await page.keyboard.press("r");
    const dialog = message.actionDialog("Redeliver");
    await expect(dialog).toBeVisible();
    const target = dialog.getByLabel("Target topic");
    await expect(target).toBeFocused();
    await expect(target).toHaveValue(originalTopic);
    const sent = dialog.getByRole("definition");
    await expect(sent.nth(0)).toHaveText("payment-7");
    await expect(dialog.getByLabel("Value preview")).toHaveText(VALUE.toString("utf8"));
    await expect(sent.nth(2)).toHaveText("2 of 11 kept");
    await expect(dialog).toContainText("Failure headers are stripped");
    await page.screenshot({ path: test.info().outputPath("redeliver-dialog.png") });

    await test.step("a topic that does not exist: the server's message in the dialog, nothing changes", async () => {
      await target.fill(uniqueName("no-such-topic"));
      await expect(dialog.getByRole("note")).toContainText(`Not the original topic: the record failed on ${originalTopic}`);
      await dialog.getByRole("button", { name: "Redeliver" }).click();
      await expect(dialog.getByRole("alert")).not.toBeEmpty();
      await expect(dialog).toBeVisible();
      await expect(message.stat("Status")).toHaveText("pending");
      // The refused send is audited, and the page behind the dialog shows it without waiting for its next poll (every
      // 5 s): the error shows once the page has been read again, so the history holds it already.
      await expect(message.history).toContainText("message.redeliver_failed", { timeout: 1_000 });
    });

    await test.step("back to the original topic, with a note", async () => {
      await target.fill(originalTopic);
      await expect(dialog.getByRole("note")).toHaveCount(0);
      await dialog.getByLabel("Note (optional)").fill("payee fixed upstream");
      await dialog.getByRole("button", { name: "Redeliver" }).click();
      await expect(dialog).toBeHidden();
      await expect(message.actionOutcome).toHaveText(new RegExp(`^Redelivered to ${originalTopic}/0/0$`));
    });

    const [redelivered, ...more] = await readTopic(originalTopic, 1);
    expect(more).toHaveLength(0);
    expect(redelivered!.key?.equals(KEY)).toBe(true);
    expect(redelivered!.value?.equals(VALUE)).toBe(true);

    await expect(message.stat("Status")).toHaveText("redelivered");
    await expect(message.history).toContainText("message.redeliver");
    await expect(message.redeliverButton).toHaveCount(0);
    await expect(message.editAndRedeliverButton).toHaveCount(0);
    await expect(message.discardButton).toHaveCount(0);
  });

  test("Discard needs a reason; Escape closes the dialog; d reopens it; confirming marks the message discarded", async ({ page }) => {
    const message = await openIndexed(page, offsets.discard);
    await message.discardButton.click();
    const dialog = message.actionDialog("Discard");
    await expect(dialog).toBeVisible();
    // The modal focuses its first field, so the reason can be typed at once.
    await expect(dialog.getByLabel("Reason (required)")).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();

    await page.keyboard.press("d");
    await expect(dialog).toBeVisible();
    const confirm = dialog.getByRole("button", { name: "Discard" });
    await expect(confirm).toBeDisabled();
    await dialog.getByLabel("Reason (required)").fill("   ");
    await expect(confirm).toBeDisabled();
    await dialog.getByLabel("Reason (required)").fill("duplicate payment, refunded by hand");
    await expect(confirm).toBeEnabled();
    await confirm.click();

    await expect(dialog).toBeHidden();
    await expect(message.actionOutcome).toHaveText("Discarded");
    await expect(message.stat("Status")).toHaveText("discarded");
    await expect(message.history).toContainText("message.discard");
    await expect(message.redeliverButton).toHaveCount(0);
  });

  test("e edits the value: invalid JSON shows the parse error and cannot be sent; the fixed value is sent to another topic", async ({
    page,
  }) => {
    const message = await openIndexed(page, offsets.edit);
    await expect(message.editAndRedeliverButton).toBeVisible();
    await page.keyboard.press("e");
    const dialog = message.actionDialog("Edit and redeliver");
    await expect(dialog).toBeVisible();
    const value = dialog.getByLabel("Value", { exact: true });
    await expect(value).toHaveValue(VALUE.toString("utf8"));
    const confirm = dialog.getByRole("button", { name: "Redeliver" });

    await value.fill('{"paymentId": 9007199254740993,');
    await expect(dialog.getByRole("alert")).toContainText("Invalid JSON");
    await expect(confirm).toBeDisabled();

    await value.fill(EDITED);
    await expect(dialog.getByRole("alert")).toHaveCount(0);
    const changes = dialog.getByLabel("Changes to the value");
    await expect(changes).toContainText(`- ${VALUE.toString("utf8")}`);
    await expect(changes).toContainText('+   "amount": "13.50"');
    await page.screenshot({ path: test.info().outputPath("edit-dialog.png") });
    await expect(confirm).toBeEnabled();

    await dialog.getByLabel("Target topic").fill(fixedTopic);
    await expect(dialog.getByRole("note")).toContainText("Not the original topic");
    await confirm.click();
    await expect(dialog).toBeHidden();
    await expect(message.actionOutcome).toHaveText(`Redelivered to ${fixedTopic}/0/0`);

    const [sent, ...more] = await readTopic(fixedTopic, 1);
    expect(more).toHaveLength(0);
    expect(sent!.key?.equals(KEY)).toBe(true);
    expect(sent!.value?.toString("utf8")).toBe(EDITED);
    await expect(message.stat("Status")).toHaveText("redelivered");
  });
  test("an edit of every line of a large JSON value is not diffed line by line, and can still be sent", async ({ page }) => {
    const message = await openIndexed(page, offsets.large);
    await page.keyboard.press("e");
    const dialog = message.actionDialog("Edit and redeliver");
    await dialog.getByLabel("Value", { exact: true }).fill(manyLines(1));
    await expect(dialog.getByText("The edit changes too much to show line by line; the audit log keeps its digests.")).toBeVisible();
    await expect(dialog.getByLabel("Changes to the value")).toHaveCount(0);
    await expect(dialog.getByRole("button", { name: "Redeliver" })).toBeEnabled();
  });

  test("e also edits the key, a binary value as base64, and the headers: each arrives as edited", async ({ page }) => {
    const message = await openIndexed(page, offsets.binary);
    await page.keyboard.press("e");
    const dialog = message.actionDialog("Edit and redeliver");
    await expect(dialog).toBeVisible();
    const confirm = dialog.getByRole("button", { name: "Redeliver" });

    const key = dialog.getByLabel("Key", { exact: true });
    await expect(key).toHaveValue(KEY.toString("utf8"));
    await key.fill("payment-7-fixed");

    await expect(dialog.getByLabel("Value format", { exact: true })).toHaveValue("base64");
    const value = dialog.getByLabel("Value", { exact: true });
    await expect(value).toHaveValue(BINARY.toString("base64"));
    await value.fill("not base64!");
    await expect(dialog.getByText("not valid base64")).toBeVisible();
    await expect(confirm).toBeDisabled();
    // Not UTF-8: asked for text, it stays base64 and says why.
    await value.fill(EDITED_BINARY.toString("base64"));
    await dialog.getByLabel("Value format", { exact: true }).selectOption("text");
    await expect(dialog.getByText("not UTF-8 text; they stay base64")).toBeVisible();
    await expect(value).toHaveValue(EDITED_BINARY.toString("base64"));

    await expect(dialog.getByLabel(/^Header \d+ key$/)).toHaveCount(2);
    await expect(dialog.getByLabel("Header 1 key", { exact: true })).toHaveValue("traceparent");
    await expect(dialog.getByLabel("Header 2 key", { exact: true })).toHaveValue("tenant");
    await dialog.getByLabel("Header 1 value", { exact: true }).fill("00-2");
    await dialog.getByRole("button", { name: "Remove header 2" }).click();
    await dialog.getByRole("button", { name: "Add header" }).click();
    await expect(confirm).toBeDisabled();
    await expect(dialog.getByText("a header needs a key")).toBeVisible();
    await dialog.getByLabel("Header 2 key", { exact: true }).fill("x-fixed-by");
    await dialog.getByLabel("Header 2 value", { exact: true }).fill("ops");
    await dialog.getByLabel("Header 2 value format", { exact: true }).selectOption("base64");
    await expect(dialog.getByLabel("Header 2 value", { exact: true })).toHaveValue(Buffer.from("ops").toString("base64"));
    await page.screenshot({ path: test.info().outputPath("edit-key-headers-dialog.png") });

    await dialog.getByLabel("Target topic").fill(rekeyedTopic);
    await expect(confirm).toBeEnabled();
    await confirm.click();
    await expect(dialog).toBeHidden();
    await expect(message.actionOutcome).toHaveText(`Redelivered to ${rekeyedTopic}/0/0`);

    const [sent, ...more] = await readWithHeaders(seed.kafka, rekeyedTopic, 1);
    expect(more).toHaveLength(0);
    expect(sent!.key?.toString("utf8")).toBe("payment-7-fixed");
    expect(sent!.value?.equals(EDITED_BINARY)).toBe(true);
    expect(sent!.headers.map((h) => [h.key, h.value?.toString("utf8")])).toEqual([
      ["traceparent", "00-2"],
      ["x-fixed-by", "ops"],
      ["x-redrive-id", expect.any(String)],
      ["x-redrive-source", `${dlq}/0/${offsets.binary}`],
      ["x-redrive-count", "1"],
    ]);
    await expect(message.stat("Status")).toHaveText("redelivered");
  });
});

test("a viewer sees no actions, r does nothing, and the API refuses the viewer with 403", async ({ page, baseURL }) => {
  const message = await openIndexed(page, offsets.viewer);
  // The account button shows the role: once it is there, the page knows who is signed in.
  await expect(message.userMenuButton).toContainText("viewer");
  await expect(message.redeliverButton).toHaveCount(0);
  await expect(message.editAndRedeliverButton).toHaveCount(0);
  await expect(message.discardButton).toHaveCount(0);
  await page.keyboard.press("r");
  await expect(page.getByRole("dialog")).toHaveCount(0);

  const path = `/api/clusters/default/dlqs/${encodeURIComponent(dlq)}/messages/0/${offsets.viewer}`;
  const headers = { Origin: baseURL! };
  expect((await page.request.post(`${path}/redeliver`, { data: {}, headers })).status()).toBe(403);
  expect((await page.request.post(`${path}/discard`, { data: { reason: "not mine to discard" }, headers })).status()).toBe(403);
  await expect(message.stat("Status")).toHaveText("pending");
});
