// The full loop of the demo system in a real browser: offers pushed through the producer service, the consumer
// worker failing some of them into the DLT, the failures on the DLQ page with their reasons, the consumer switched
// to its fixed release, one message redelivered from the console and processed, and the same redelivery arriving
// again (the console refuses a second redeliver; the record it sent, produced once more by a script) not applied twice.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { DlqPage } from "./pages/dlq-page";
import { MessagePage } from "./pages/message-page";
import { accounts, storageStatePath } from "./support/accounts";
import { DemoProcess, type ProcessedAnswer } from "./support/demo-processes";
import { KafkaSeed, uniqueName } from "./support/kafka-seed";
import { headerText, readTopic } from "./support/topic-reader";

const seed = new KafkaSeed();
const topic = `${uniqueName("e2e-offers")}.banner`;
const dlt = `${topic}.DLT`;
const group = `${topic}-worker`;
const consumerEnv = {
  DEMO_CONSUMER_TOPICS: `${topic}=banner`,
  DEMO_CONSUMER_GROUP: group,
  DEMO_CONSUMER_SESSION_TIMEOUT_MS: "6000",
  DEMO_CONSUMER_DATA_DIR: "",
};

const offer = (offerId: string, overrides: object = {}) => ({
  offerId,
  advertiser: "Café Zoë",
  bidCents: 150,
  width: 300,
  height: 250,
  imageUrl: "https://cdn.example/a.png",
  ...overrides,
});
const PUSHES: [key: string, data: unknown][] = [
  ["e2e-good", offer("e2e-good")],
  ["e2e-billboard", offer("e2e-billboard", { width: 970, height: 250 })],
  ["e2e-zero-bid", offer("e2e-zero-bid", { bidCents: 0 })],
  ["e2e-bad-json", '{"offerId": "e2e-bad-json", '],
];

let producer: DemoProcess;
let consumer: DemoProcess;

test.describe.configure({ timeout: 300_000 });
test.use({ storageState: storageStatePath("operator") });

test.beforeAll(async () => {
  // Made here, not at import: the runner imports spec files too, and never runs their afterAll.
  consumerEnv.DEMO_CONSUMER_DATA_DIR = mkdtempSync(join(tmpdir(), "redrive-e2e-consumer-"));
  await seed.createTopic(topic, 1);
  await seed.createTopic(dlt, 1);
  // One after the other, so that afterAll can stop the first if the second fails to start.
  producer = await DemoProcess.start("producer", {});
  consumer = await DemoProcess.start("consumer", consumerEnv);
});

test.afterAll(async () => {
  producer?.kill("SIGKILL");
  consumer?.kill("SIGKILL");
  await (await seed.connectedAdmin()).deleteGroups([group]).catch(() => undefined);
  await seed.cleanup();
  if (consumerEnv.DEMO_CONSUMER_DATA_DIR) rmSync(consumerEnv.DEMO_CONSUMER_DATA_DIR, { recursive: true, force: true });
});

// A fresh session: auth.spec signs the operator out everywhere, which ends the saved session too.
test.beforeEach(async ({ page, baseURL }) => {
  const signedIn = await page.request.post("/api/auth/sign-in/username", { headers: { origin: baseURL! }, data: accounts.operator });
  expect(signedIn.ok()).toBe(true);
});

const processed = async (key: string) =>
  (await consumer.json<ProcessedAnswer>(`/processed?topic=${encodeURIComponent(topic)}&key=${encodeURIComponent(key)}`)).body;

test("pushed offers fail into the DLT, show on the DLQ page, and one redelivered to the fixed consumer is processed exactly once", async ({
  page,
  baseURL,
}) => {
  const dlqPage = new DlqPage(page);
  const message = new MessagePage(page);

  await test.step("push good and bad offers through the producer service", async () => {
    for (const [key, data] of PUSHES) {
      const pushed = await producer.json<{ msg: string }>("/push", { method: "POST", body: JSON.stringify({ topic, num: 1, key, data }) });
      expect(pushed).toEqual({ status: 200, body: { msg: "push success", topic, num: 1 } });
    }
    await expect.poll(async () => (await processed("e2e-good")).count, { timeout: 30_000 }).toBe(1);
    expect((await processed("e2e-billboard")).count).toBe(0);
  });

  await test.step("the three failures are on the DLQ page, grouped by reason", async () => {
    // The server's indexer picks a new DLQ up within seconds, sometimes after a rejoin or two (longer on a busy machine).
    await expect(async () => {
      await dlqPage.goto(dlt);
      await expect(dlqPage.stat("Pending")).toHaveText("3", { timeout: 10_000 });
    }).toPass({ timeout: 150_000 });
    await expect(dlqPage.group("Banner size")).toContainText("OfferRejectedError");
    await expect(dlqPage.group("the floor is")).toContainText("OfferRejectedError");
    await expect(dlqPage.group("MalformedJsonError")).toContainText("The value is not valid JSON");
    await expect(dlqPage.messageRow("e2e-billboard")).toContainText(
      "Banner size 970x250 of offer e2e-billboard is not a supported IAB size",
    );
  });

  await test.step("switch the consumer to its fixed release", async () => {
    expect(await consumer.stop()).toBe(0);
    consumer = await DemoProcess.start("consumer", consumerEnv, ["--fixed"]);
    expect((await consumer.json<{ fixed: boolean }>("/health")).body.fixed).toBe(true);
  });

  let dltOffset = "";
  let target = { partition: 0, offset: "" };
  await test.step("redeliver the billboard from the console", async () => {
    await dlqPage.messageRow("e2e-billboard").click();
    // A busy server (other specs' DLQs being indexed into the same embedded store) can take a while to answer.
    await expect(message.exception).toContainText("OfferRejectedError", { timeout: 60_000 });
    await expect(message.origin("Original topic")).toHaveText(topic);
    dltOffset = new URL(page.url()).pathname.split("/").at(-1)!;
    await message.redeliverButton.click();
    const dialog = message.actionDialog("Redeliver");
    await expect(dialog.getByLabel("Target topic")).toHaveValue(topic);
    await dialog.getByRole("button", { name: "Redeliver" }).click();
    await expect(message.actionOutcome).toHaveText(new RegExp(`^Redelivered to ${topic.replace(/\./g, "\\.")}/0/\\d+$`));
    target = { partition: 0, offset: (await message.actionOutcome.textContent())!.split("/").at(-1)! };
    await expect(message.stat("Status")).toHaveText("redelivered");
  });

  let redriveId = "";
  await test.step("the fixed consumer processes it: its /processed shows the offer exactly as pushed", async () => {
    await expect.poll(async () => (await processed("e2e-billboard")).count, { timeout: 30_000 }).toBe(1);
    const [record] = (await processed("e2e-billboard")).records;
    expect(record).toMatchObject({ offset: target.offset, fixed: true, redriveId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(record!.value?.text).toBe(JSON.stringify(PUSHES[1]![1]));
    redriveId = record!.redriveId!;
  });

  await test.step("redelivered again by a script, it is not processed twice", async () => {
    const again = await page.request.post(`/api/clusters/default/dlqs/${encodeURIComponent(dlt)}/messages/0/${dltOffset}/redeliver`, {
      headers: { origin: baseURL! },
      data: {},
    });
    expect(again.status()).toBe(409);

    // The record the console sent, produced once more byte for byte (same x-redrive-id), as a retried send would.
    const sent = (await readTopic(seed.kafka, topic, PUSHES.length + 1, { settleMs: 500 })).find((r) => r.offset === target.offset)!;
    expect(headerText(sent, "x-redrive-id")).toBe(redriveId);
    const [copy] = await seed.produceRecords(topic, [
      { partition: target.partition, key: sent.key, value: sent.value, headers: sent.headers.map((h) => [h.key, h.value] as const) },
    ]);

    // Once the group's committed offset is past the copy, the consumer has handled it.
    const admin = await seed.connectedAdmin();
    const committed = async () => Number((await admin.fetchOffsets({ groupId: group, topics: [topic] }))[0]!.partitions[0]!.offset);
    await expect.poll(committed, { timeout: 30_000 }).toBeGreaterThan(Number(copy!.offset));
    expect(await consumer.metric(`demo_consumer_duplicates_skipped_total{topic="${topic}"}`)).toBe(1);
    expect((await processed("e2e-billboard")).count).toBe(1);
  });
});
