// A redelivery whose answer Kafka never sends back, in the browser: a broker of the spec's own behind a proxy that
// forwards the produce request, cuts the connection before the answer returns and then drops every connection
// (Kafka gone). The message page says "checking whether it landed" with Redeliver disabled, the API refuses a second
// redelivery with 409, and once Kafka is back the check finds the record: the page shows it redelivered, the
// history says the answer was lost and where the record was found, and the target holds it exactly once.
import { rmSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { DlqPage } from "./pages/dlq-page";
import { MessagePage } from "./pages/message-page";
import { SignInPage } from "./pages/sign-in-page";
import { ADMIN_PASSWORD, consolePort } from "./support/accounts";
import { ConsoleServer } from "./support/console-server";
import { springDltRecord } from "./support/dlq-records";
import { KafkaSeed, uniqueName } from "./support/kafka-seed";
import { ProxiedBroker } from "./support/proxied-broker";
import { readRedeliveries } from "./support/read-redeliveries";

// Ports of this run's own: the broker, its controller and the proxy take three in a row.
const broker = new ProxiedBroker(consolePort(0) + 16_070);
const seed = new KafkaSeed(broker.brokers);
const target = uniqueName("e2e-ambiguous-orders");
const dlq = `${target}.DLT`;
const dataDir = join(process.env.REDRIVE_E2E_DATA_DIR ?? "e2e/.data", `ambiguous-${target}`);
const server = ConsoleServer.onBrokers(consolePort(2) + 12, broker.brokers.join(","), dataDir);

test.describe.configure({ timeout: 300_000 });
// Signed in on this spec's own console, not the shared one's viewer.
test.use({ storageState: { cookies: [], origins: [] } });

test.beforeAll(async () => {
  await broker.start();
  await seed.createTopic(target, 1);
  await seed.createTopic(dlq, 1);
  const record = springDltRecord({
    originalTopic: target,
    exceptionClass: "com.shop.OrderNotFound",
    message: "Order 7 not found",
    key: "order-7",
    value: '{"orderId":7}',
  });
  await seed.produceRecords(dlq, [record]);
  await server.start();
});

test.afterAll(async () => {
  await server.stop();
  await seed.cleanup().catch(() => undefined);
  await broker.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

test("a redelivery whose answer was lost shows as being checked, refuses a second send, and resolves to one copy", async ({
  page,
  playwright,
}) => {
  const api = await server.signedInApi(playwright);
  const redeliverPath = `/api/clusters/default/dlqs/${dlq}/messages/0/0/redeliver`;
  await test.step("the console indexes the DLQ", async () => {
    const total = async () => ((await (await api.get(`/api/clusters/default/dlqs/${dlq}`)).json()) as { total?: string }).total;
    await expect.poll(total, { timeout: 120_000, intervals: [500] }).toBe("1");
  });

  const messagePath = `/clusters/default/dlqs/${encodeURIComponent(dlq)}/messages/0/0`;
  const messageUrl = `${server.url}${messagePath}`;
  await page.goto(`${server.url}/sign-in?next=${encodeURIComponent(messagePath)}`);
  await new SignInPage(page).signIn("admin", ADMIN_PASSWORD);
  const message = new MessagePage(page);
  await expect(message.failure).toBeVisible({ timeout: 30_000 });
  await expect(message.deliveryCheckNotice).toHaveCount(0);

  await test.step("Kafka writes the record but its answer is lost, and Kafka goes away: the page says it is checking", async () => {
    broker.proxy.produceMode = "answer-lost";
    broker.proxy.downAfterCut = true;
    await message.redeliverButton.click();
    const dialog = message.actionDialog("Redeliver");
    await dialog.getByRole("button", { name: "Redeliver" }).click();
    await expect(dialog.getByRole("alert")).toContainText("did not confirm the send", { timeout: 60_000 });
    expect(broker.proxy.forwarded).toBe(1);
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(message.deliveryCheckNotice).toBeVisible();
    await expect(message.deliveryCheckNotice).toContainText("can be redelivered or discarded again only if it did not land");
    await expect(message.redeliverButton).toBeDisabled();
    await expect(message.discardButton).toBeDisabled();
    await expect(message.stat("Status")).toHaveText("pending");
    await page.screenshot({ path: test.info().outputPath("checking-whether-it-landed.png") });
  });

  await test.step("a second redelivery is refused with 409 while the check waits for Kafka", async () => {
    const again = await api.post(redeliverPath, { data: {} });
    expect(again.status()).toBe(409);
    expect(((await again.json()) as { error: { message: string } }).error.message).toContain("Checking whether an earlier redelivery");
    // Kafka is still away: the check keeps waiting, and the message never turns pending again in the meantime.
    await page.waitForTimeout(6_000);
    await expect(message.deliveryCheckNotice).toBeVisible();
  });

  await test.step("the DLQ's list marks the message as being checked", async () => {
    // This spec's own console, not the shared one the page objects' paths lead to.
    await page.goto(`${server.url}/clusters/default/dlqs/${encodeURIComponent(dlq)}`);
    await expect(new DlqPage(page).messageRow("Order 7 not found")).toContainText("checking whether it landed");
    await page.goto(messageUrl);
  });

  await test.step("Kafka is back: the check finds the record, the page shows it redelivered and the history says how", async () => {
    broker.proxy.produceMode = "pass";
    broker.proxy.up();
    await expect(message.stat("Status")).toHaveText("redelivered", { timeout: 120_000 });
    await expect(message.deliveryCheckNotice).toHaveCount(0);
    await expect(message.redeliverButton).toHaveCount(0);
    await expect(message.history).toContainText("message.redeliver by admin");
    await expect(message.history).toContainText(`Kafka's answer to the send was lost`);
    await expect(message.history).toContainText(`the record was found in "${target}" at partition 0, offset 0`);
  });

  await test.step("the target holds the record exactly once", async () => {
    const again = await api.post(redeliverPath, { data: {} });
    expect(again.status()).toBe(409);
    const records = await readRedeliveries(seed, target, 1);
    expect(records.map((r) => r.source)).toEqual([`${dlq}/0/0`]);
  });
});
