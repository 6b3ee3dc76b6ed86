// Where a redelivery may go, in a real browser against the production build and the real broker: a record whose
// forged original-topic header names a system topic opens Redeliver and Edit & redeliver with that target in red and
// the button disabled, and so does a system topic typed in; the bulk dry run shows such targets in red and Start is
// disabled when nothing would go anywhere allowed. The "N of M kept" of a SmallRye record is the server's count.
import { expect, test, type Page } from "@playwright/test";
import { BulkJobDialog } from "./pages/bulk-job-dialog";
import { DlqPage } from "./pages/dlq-page";
import { MessagePage } from "./pages/message-page";
import { accounts, storageStatePath } from "./support/accounts";
import { springDltRecord } from "./support/dlq-records";
import { KafkaSeed, uniqueName } from "./support/kafka-seed";

const seed = new KafkaSeed();
const realTopic = uniqueName("e2e-parcels");
const dlq = `${realTopic}.DLT`;
const SYSTEM_REFUSAL = (topic: string) => `"${topic}" is a Kafka internal or system topic, which a redelivery never writes to`;

const forged = (originalTopic: string, n: number) =>
  springDltRecord({ originalTopic, exceptionClass: "com.example.Forged", message: `Parcel ${n} forged`, key: `parcel-${n}`, value: "{}" });

/** As SmallRye Reactive Messaging writes it, plus one more of its `dead-letter-` headers, which a redelivery strips too. */
const smallRye = {
  key: "parcel-9",
  value: '{"parcel":9}',
  headers: [
    ["dead-letter-exception-class-name", "com.example.parcels.ParcelLost"],
    ["dead-letter-reason", "Parcel 9 lost"],
    ["dead-letter-cause", "timeout"],
    ["dead-letter-cause-class-name", "java.util.concurrent.TimeoutException"],
    ["dead-letter-topic", realTopic],
    ["dead-letter-partition", "0"],
    ["dead-letter-offset", "9"],
    ["dead-letter-retry-count", "3"],
    ["traceparent", "00-9"],
    ["tenant", "acme"],
  ],
} as const;

const offsets = { schemas: "", offsets: "", normal: "", smallRye: "" };

test.beforeAll(async () => {
  await seed.createTopic(realTopic, 1);
  await seed.createTopic(dlq, 1);
  const placed = await seed.produceRecords(dlq, [forged("_schemas", 1), forged("__consumer_offsets", 2), forged(realTopic, 3), smallRye]);
  (["schemas", "offsets", "normal", "smallRye"] as const).forEach((name, i) => (offsets[name] = placed[i]!.offset));
});

test.afterAll(() => seed.cleanup());

// The first visit waits on the server's indexer picking the new DLQ up, which can take a while on a shared broker.
const INDEXING_MS = 240_000;
test.describe.configure({ timeout: INDEXING_MS + 120_000 });

async function openIndexed(page: Page, offset: string): Promise<MessagePage> {
  const message = new MessagePage(page);
  await expect(async () => {
    await message.goto(dlq, 0, offset);
    await expect(message.failure).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: INDEXING_MS });
  return message;
}

test.describe("as an operator", () => {
  test.use({ storageState: storageStatePath("operator") });
  test.beforeEach(async ({ page, baseURL }) => {
    const signedIn = await page.request.post("/api/auth/sign-in/username", { headers: { origin: baseURL! }, data: accounts.operator });
    expect(signedIn.ok()).toBe(true);
  });

  test("a forged system-topic original shows in red in Redeliver and Edit & redeliver, and the button stays disabled", async ({ page }) => {
    const message = await openIndexed(page, offsets.schemas);

    for (const [open, name] of [
      [message.redeliverButton, "Redeliver"],
      [message.editAndRedeliverButton, "Edit and redeliver"],
    ] as const) {
      await test.step(`${name}: the record's own original topic is refused`, async () => {
        await open.click();
        const dialog = message.actionDialog(name);
        const target = dialog.getByLabel("Target topic");
        await expect(target).toHaveValue("_schemas");
        const refusal = dialog.getByText(/^Refused: /);
        await expect(refusal).toHaveText(`Refused: ${SYSTEM_REFUSAL("_schemas")}`);
        await expect(refusal).toHaveClass(/text-danger/);
        await expect(target).toHaveAttribute("aria-invalid", "true");
        await expect(target).toHaveAccessibleDescription(`Refused: ${SYSTEM_REFUSAL("_schemas")}`);
        await expect(dialog.getByRole("button", { name: "Redeliver", exact: true })).toBeDisabled();
        await page.screenshot({ path: test.info().outputPath(`${name.replaceAll(" ", "-")}-refused.png`) });

        await target.fill("__consumer_offsets");
        await expect(refusal).toHaveText(`Refused: ${SYSTEM_REFUSAL("__consumer_offsets")}`);
        await expect(dialog.getByRole("button", { name: "Redeliver", exact: true })).toBeDisabled();

        await target.fill(realTopic);
        await expect(refusal).toHaveCount(0);
        await expect(target).toHaveAttribute("aria-invalid", "false");
        await expect(dialog.getByRole("button", { name: "Redeliver", exact: true })).toBeEnabled();
        await dialog.getByRole("button", { name: "Cancel" }).click();
        await expect(dialog).toBeHidden();
      });
    }
    await expect(message.stat("Status")).toHaveText("pending");
  });

  test("the dialog's header count is the server's: a SmallRye record keeps 2 of its 10 headers", async ({ page }) => {
    const message = await openIndexed(page, offsets.smallRye);
    await message.redeliverButton.click();
    const dialog = message.actionDialog("Redeliver");
    await expect(dialog.getByLabel("Target topic")).toHaveValue(realTopic);
    await expect(dialog.getByRole("definition").nth(2)).toHaveText("2 of 10 kept");
    await expect(dialog).toContainText("Failure headers are stripped");
    await dialog.getByRole("button", { name: "Cancel" }).click();
  });

  test("the bulk dry run shows refused targets in red; Start is disabled when no record would go anywhere allowed", async ({ page }) => {
    const dlqPage = new DlqPage(page);
    const dialog = new BulkJobDialog(page);
    await expect(async () => {
      await dlqPage.goto(dlq);
      await expect(dlqPage.stat("Total")).toHaveText("4", { timeout: 5_000 });
    }).toPass({ timeout: INDEXING_MS });

    await test.step("each record to its own original: the forged ones in red, the job can still start for the rest", async () => {
      await dlqPage.bulkButton("Redeliver all matching…").click();
      await expect(dialog.dryRunStatus).toHaveText("4 pending records will be redelivered.");
      for (const topic of ["_schemas", "__consumer_offsets"]) {
        await expect(dialog.target(topic)).toHaveText(`→ ${topic} · 1 record: refused, so they would fail. ${SYSTEM_REFUSAL(topic)}.`);
        await expect(dialog.target(topic)).toHaveClass(/text-danger/);
      }
      await expect(dialog.target(realTopic)).toHaveText(`→ ${realTopic} · 2 records`);
      await expect(dialog.target(realTopic)).not.toHaveClass(/text-danger/);
      await expect(dialog.start).toBeEnabled();
      await page.screenshot({ path: test.info().outputPath("bulk-dry-run-refused.png") });
    });

    await test.step("a system topic typed as the target: refused in red, Start disabled", async () => {
      await dialog.targetTopic.fill("connect-offsets");
      const refused = `→ connect-offsets · 4 records: refused, name another topic. ${SYSTEM_REFUSAL("connect-offsets")}.`;
      await expect(dialog.target("connect-offsets")).toHaveText(refused);
      await expect(dialog.target("connect-offsets")).toHaveClass(/text-danger/);
      await expect(dialog.start).toBeDisabled();
      await dialog.targetTopic.fill(realTopic);
      await expect(dialog.target(realTopic)).toHaveText(`→ ${realTopic} · 4 records`);
      await expect(dialog.start).toBeEnabled();
      await dialog.cancel.click();
    });

    await test.step("only forged records picked: every target refused, Start disabled", async () => {
      await dlqPage.pickBox(0, offsets.schemas).check();
      await dlqPage.pickBox(0, offsets.offsets).check();
      await dlqPage.bulkButton("Redeliver selected (2)").click();
      await expect(dialog.dryRunStatus).toHaveText("2 pending records will be redelivered.");
      await expect(dialog.target("_schemas")).toHaveClass(/text-danger/);
      await expect(dialog.target("__consumer_offsets")).toHaveClass(/text-danger/);
      await expect(dialog.start).toBeDisabled();
      await dialog.cancel.click();
    });
  });
});
