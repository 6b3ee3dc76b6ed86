// A DLQ topic deleted and created again, in the browser: the DLQ page keeps showing the records stored from the old
// topic and says, in the indexer's notice, that the new topic's records are held back and what to do; an admin
// forgets the old records once they are resolved (refused before), and the new topic's record appears. The spec has
// a console of its own that indexes only its DLQ (named outside the shared consoles' e2e-… pattern), so the shared
// consoles' indexers never see the conflict.
import { rmSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { DlqPage } from "./pages/dlq-page";
import { SignInPage } from "./pages/sign-in-page";
import { ADMIN_PASSWORD, consolePort } from "./support/accounts";
import { ConsoleServer } from "./support/console-server";
import { springDltRecord } from "./support/dlq-records";
import { KafkaSeed, uniqueName } from "./support/kafka-seed";

const seed = new KafkaSeed();
const dlq = `${uniqueName("recreated-orders")}.DLT`;
const dataDir = join(process.env.REDRIVE_E2E_DATA_DIR ?? "e2e/.data", `recreated-${dlq}`);
const server = ConsoleServer.onBrokers(
  consolePort(2) + 12,
  process.env.KAFKA_BROKERS ?? "127.0.0.1:9092",
  dataDir,
  `^${dlq.replace(/\./g, "\\.")}$`,
);
const failed = (i: number, era: string) =>
  springDltRecord({
    originalTopic: "orders",
    exceptionClass: "com.shop.OrderNotFound",
    message: `Order ${i} not found (${era} topic)`,
    key: `order-${i}`,
    value: JSON.stringify({ orderId: i, era }),
    partition: 0,
  });

test.describe.configure({ timeout: 240_000 });
test.use({ storageState: { cookies: [], origins: [] } });

test.beforeAll(async () => {
  await seed.createTopic(dlq, 1);
  await seed.produceMany(dlq, [failed(1, "old"), failed(2, "old")]);
  await server.start();
});

test.afterAll(async () => {
  await server.stop();
  await seed.cleanup();
  rmSync(dataDir, { recursive: true, force: true });
});

test("a DLQ topic created again: the page keeps the old records and says the new ones wait for a forget", async ({ page, playwright }) => {
  const api = await server.signedInApi(playwright);
  const total = async () => ((await (await api.get(`/api/clusters/default/dlqs/${dlq}`)).json()) as { total?: string }).total;
  await expect.poll(total, { timeout: 60_000 }).toBe("2");

  await test.step("the topic is deleted and created again with a record of its own", async () => {
    const admin = await seed.connectedAdmin();
    await admin.deleteTopics({ topics: [dlq] });
    await expect.poll(async () => (await admin.listTopics()).includes(dlq), { timeout: 30_000 }).toBe(false);
    await seed.createTopic(dlq, 1);
    await seed.produceMany(dlq, [failed(1, "new")]);
  });

  const dlqPage = new DlqPage(page);
  await page.goto(`${server.url}/sign-in?next=${encodeURIComponent(`/clusters/default/dlqs/${dlq}`)}`);
  await new SignInPage(page).signIn("admin", ADMIN_PASSWORD);
  const notice = page.getByRole("status", { name: `Indexer holding back ${dlq}` });
  await expect(notice).toContainText(`New records of ${dlq} are held back (since`, { timeout: 60_000 });
  await expect(notice).toContainText(`DLQ topic "${dlq}"`);
  await expect(notice).toContainText("the topic was deleted and created again");
  await expect(notice).toContainText(`npm run redrive -- dlq forget --cluster default --topic ${dlq}`);
  // The indexer itself is well: other DLQs are indexed as usual.
  await expect(page.getByRole("status", { name: "Indexer", exact: true })).toHaveCount(0);
  // What the page shows is the old topic's records, none of them replaced by the new one's.
  await expect(dlqPage.stat("Total")).toHaveText("2");
  await expect(page.getByText("Order 1 not found (old topic)")).toBeVisible();
  await expect(page.getByText("(new topic)")).toHaveCount(0);

  await test.step("Forget is refused while the old records are pending", async () => {
    await page.getByRole("button", { name: "Forget…" }).click();
    const dialog = page.getByRole("dialog", { name: `Forget the stored records of ${dlq}?` });
    await expect(dialog).toContainText("2 records are still pending: redeliver or discard them first");
    await expect(dialog.getByRole("button", { name: "Forget 2 records" })).toBeDisabled();
    await dialog.getByRole("button", { name: "Keep them" }).click();
  });

  await test.step("once they are discarded, Forget drops them and the new topic's record appears", async () => {
    for (const offset of [0, 1]) {
      expect(
        (
          await api.post(`/api/clusters/default/dlqs/${dlq}/messages/0/${offset}/discard`, { data: { reason: "topic recreated" } })
        ).status(),
      ).toBe(200);
    }
    await page.reload();
    await page.getByRole("button", { name: "Forget…" }).click();
    const dialog = page.getByRole("dialog", { name: `Forget the stored records of ${dlq}?` });
    await expect(dialog).toContainText("The store drops its 2 records of this DLQ (0 redelivered, 2 discarded)");
    await dialog.getByRole("button", { name: "Forget 2 records" }).click();
    await expect(page).toHaveURL(`${server.url}/clusters/default/dlqs`);
    // The held-back partition is read again within 30 s.
    await expect.poll(total, { timeout: 90_000 }).toBe("1");
    await page.goto(`${server.url}/clusters/default/dlqs/${dlq}`);
    await expect(page.getByText("Order 1 not found (new topic)")).toBeVisible();
    await expect(dlqPage.stat("Total")).toHaveText("1");
    await expect(notice).toHaveCount(0);
  });
});
