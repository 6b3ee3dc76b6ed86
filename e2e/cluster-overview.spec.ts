// The cluster overview in a real browser against the production build and the real broker: find a seeded
// topic, open it, open its group, read the seeded lag, and watch it change as the test produces more.
import { expect, test } from "@playwright/test";
import { KafkaSeed, uniqueName } from "./support/kafka-seed";

const seed = new KafkaSeed();
const topic = uniqueName("e2e-orders");
const dlq = `${uniqueName("e2e-payments")}-dlq`;
// Group ids are free text: spaces and a slash must survive the URL round trip.
const groupBase = uniqueName("e2e-billing");
const group = `${groupBase}/v2 (eu)`;
const smallGroup = `${groupBase}-small`;

test.beforeAll(async () => {
  await seed.createTopic(topic, 2);
  await seed.createTopic(dlq, 1);
  await seed.produce(topic, 0, 12);
  await seed.produce(topic, 1, 4);
  await seed.produce(dlq, 0, 3);
  // Partition 1 has no committed offset: its lag is unknown and must show "—", not 0.
  await seed.commitOffsets(group, topic, { 0: 2 });
  await seed.commitOffsets(smallGroup, topic, { 0: 11, 1: 4 });
});

test.afterAll(() => seed.cleanup());

const cells = (row: import("@playwright/test").Locator) => row.getByRole("cell");

test("overview → topic → group shows the seeded lag and follows new records without a reload", async ({ page }) => {
  await test.step("the overview lists the DLQ with its message count", async () => {
    await page.goto("/");
    await expect(page).toHaveURL(/\/clusters\/default$/);
    const dlqLink = page.getByRole("link", { name: dlq });
    await expect(dlqLink).toBeVisible();
    await expect(page.getByRole("listitem").filter({ has: dlqLink })).toContainText("3");
  });

  await test.step("the topics list finds the seeded topic", async () => {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Topics" }).click();
    await expect(page.getByRole("heading", { name: "Topics", level: 1 })).toBeVisible();
    await page.getByLabel("Search topics").fill(topic);
    const row = page.getByRole("table", { name: "Topics" }).getByRole("row").filter({ hasText: topic });
    await expect(row).toHaveCount(1);
    await expect(cells(row)).toHaveText([topic, "2", "1", "16"]);
    await row.getByRole("link", { name: topic }).click();
  });

  await test.step("the topic page shows partitions and the consuming group's lag", async () => {
    await expect(page.getByRole("heading", { name: topic, level: 1 })).toBeVisible();
    const partitions = page.getByRole("table", { name: "Partitions" });
    await expect(cells(partitions.getByRole("row").nth(1))).toHaveText(["0", "1", "1", "1", "0", "12", "12"]);
    const groupRow = page.getByRole("table", { name: "Consumer groups" }).getByRole("row").filter({ hasText: group });
    await expect(groupRow).toContainText("10");
    await groupRow.getByRole("link", { name: group }).click();
  });

  await test.step("the group page shows lag per partition, — where nothing was committed", async () => {
    await expect(page.getByRole("heading", { name: group, level: 1 })).toBeVisible();
    const offsets = page.getByRole("table", { name: "Offsets" });
    await expect(cells(offsets.getByRole("row").nth(1))).toHaveText([topic, "0", "2", "12", "10"]);
    await expect(cells(offsets.getByRole("row").nth(2))).toHaveText([topic, "1", "—", "4", "—"]);
    await expect(page.getByText(/^Updated/)).toBeVisible();
  });

  await test.step("new records raise the lag on screen by themselves", async () => {
    await seed.produce(topic, 0, 5);
    const offsets = page.getByRole("table", { name: "Offsets" });
    await expect(cells(offsets.getByRole("row").nth(1))).toHaveText([topic, "0", "2", "17", "15"], { timeout: 20_000 });
  });
});

test("internal topics are hidden until asked for", async ({ page }) => {
  await page.goto("/clusters/default/topics");
  const table = page.getByRole("table", { name: "Topics" });
  await page.getByLabel("Search topics").fill("__consumer_offsets");
  await expect(table.getByRole("link", { name: "__consumer_offsets" })).toHaveCount(0);
  await page.getByRole("checkbox", { name: "Show internal topics" }).check();
  await expect(table.getByRole("link", { name: "__consumer_offsets" })).toBeVisible();
});

test("consumer groups sort by lag, largest first, and the other way on request", async ({ page }) => {
  await page.goto("/clusters/default/groups");
  await expect(page.getByRole("heading", { name: "Consumer groups", level: 1 })).toBeVisible();
  await page.getByLabel("Search groups").fill(groupBase);
  const table = page.getByRole("table", { name: "Consumer groups" });
  const groupLinks = table.getByRole("link", { name: new RegExp(groupBase) });
  await expect(groupLinks).toHaveText([group, smallGroup]);
  await table.getByRole("button", { name: /lag/i }).click();
  await expect(groupLinks).toHaveText([smallGroup, group]);
});

test("an unknown topic gets a clear not-found page", async ({ page }) => {
  const missing = uniqueName("e2e-missing");
  await page.goto(`/clusters/default/topics/${missing}`);
  await expect(page.getByText(`does not exist`)).toBeVisible();
  await expect(page.getByText(missing).first()).toBeVisible();
});

test("a console whose Kafka does not answer says so and keeps retrying", async ({ page }) => {
  await page.goto("http://127.0.0.1:3101/clusters/default/topics");
  await expect(page.getByRole("alert")).toContainText("Kafka at 127.0.0.1:1 is not reachable — retrying");
});
