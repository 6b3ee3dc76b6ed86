// The cluster overview in a real browser against the production build and the real broker: find a seeded
// topic, open it, open its group, read the seeded lag, and watch it change as the test produces more.
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { GroupPage } from "./pages/group-page";
import { GroupsPage } from "./pages/groups-page";
import { OverviewPage } from "./pages/overview-page";
import { TopicPage } from "./pages/topic-page";
import { TopicsPage } from "./pages/topics-page";
import { SignInPage } from "./pages/sign-in-page";
import { accounts, consoleUrl } from "./support/accounts";
import { KafkaSeed, uniqueName } from "./support/kafka-seed";

const seed = new KafkaSeed();
const version = (JSON.parse(readFileSync("package.json", "utf8")) as { version: string }).version;
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
  // Partition 1 has no committed offset for `group`: its lag is unknown and must show "—", not 0.
  await seed.commitOffsets(group, topic, { 0: 2 });
  await seed.commitOffsets(smallGroup, topic, { 0: 11, 1: 4 });
});

test.afterAll(() => seed.cleanup());

test("overview → topic → group shows the seeded lag and follows new records without a reload", async ({ page }) => {
  const overview = new OverviewPage(page);
  const topics = new TopicsPage(page);
  const topicPage = new TopicPage(page);
  const groupPage = new GroupPage(page);

  await test.step("the overview lists the DLQ with its pending count once the server has indexed it", async () => {
    await page.goto("/");
    await expect(page).toHaveURL(/\/clusters\/default$/);
    await expect(overview.dlqPending(dlq)).toHaveText("3", { timeout: 30_000 });
    await expect(overview.dlqItem(dlq)).toContainText("oldest pending");
    await expect(overview.dlqItem(dlq).getByRole("link", { name: dlq, exact: true })).toHaveAttribute(
      "href",
      `/clusters/default/dlqs/${dlq}`,
    );
    await expect(overview.updated).toBeVisible();
  });

  await test.step("the side nav and /api/health name the release the server runs", async () => {
    await expect(page.getByRole("complementary").getByText(`Redrive ${version}`, { exact: true })).toBeVisible();
    expect(await (await page.request.get("/api/health")).json()).toEqual({ status: "ok", version });
  });

  await test.step("the topics list finds the seeded topic", async () => {
    await overview.navLink("Topics").click();
    await expect(topics.heading("Topics")).toBeVisible();
    await topics.search.fill(topic);
    await expect(topics.cells(topics.topicRow(topic))).toHaveText([topic, "2", "1", "16"]);
    await topics.openTopic(topic);
  });

  await test.step("the topic page shows partitions and the consuming groups' lag", async () => {
    await expect(topicPage.heading(topic)).toBeVisible();
    await expect(topicPage.cells(topicPage.partitionRow(0))).toHaveText(["0", "1", "1", "1", "0", "12", "12"]);
    await expect(topicPage.groupRow(group)).toContainText("10");
    await topicPage.groupRow(group).getByRole("link", { name: group, exact: true }).click();
  });

  await test.step("the group page shows lag per partition, — where nothing was committed", async () => {
    await expect(groupPage.heading(group)).toBeVisible();
    await expect(groupPage.cells(groupPage.offsetRow(0))).toHaveText([topic, "0", "2", "12", "10"]);
    await expect(groupPage.cells(groupPage.offsetRow(1))).toHaveText([topic, "1", "—", "4", "—"]);
    await expect(groupPage.noMembersNote).toBeVisible();
    await expect(groupPage.updated).toBeVisible();
  });

  await test.step("new records raise the lag on screen by themselves", async () => {
    await seed.produce(topic, 0, 5);
    await expect(groupPage.cells(groupPage.offsetRow(0))).toHaveText([topic, "0", "2", "17", "15"], { timeout: 20_000 });
  });
});

test("the overview shows the broker up, the controller, and no partition short of replicas", async ({ page }) => {
  const overview = new OverviewPage(page);
  await overview.goto();
  await expect(overview.cells(overview.brokerRow(1))).toHaveText(["1", /:9092$/, /^Up/]);
  await expect(overview.brokerRow(1)).toContainText("Controller");
  await expect(overview.brokersTable.getByRole("row")).toHaveCount(2);
  await expect(overview.controller).toHaveText("1");
  await expect(overview.partitionCount("Under-replicated partitions")).toHaveText("0");
  await expect(overview.partitionCount("Offline partitions")).toHaveText("0");
});

test("internal topics are hidden until asked for", async ({ page }) => {
  const topics = new TopicsPage(page);
  await topics.goto();
  await topics.search.fill("__consumer_offsets");
  await expect(topics.topicRow("__consumer_offsets")).toHaveCount(0);
  await topics.showInternal.check();
  await expect(topics.topicRow("__consumer_offsets")).toHaveCount(1);
});

test("consumer groups sort by lag, largest first, and the other way on request", async ({ page }) => {
  const groups = new GroupsPage(page);
  await groups.goto();
  await expect(groups.heading("Consumer groups")).toBeVisible();
  await groups.search.fill(groupBase);
  await expect(groups.groupLinks()).toHaveText([group, smallGroup]);
  await groups.sortBy("Total lag");
  await expect(groups.groupLinks()).toHaveText([smallGroup, group]);
});

test("an unknown topic gets a clear not-found page", async ({ page }) => {
  const topicPage = new TopicPage(page);
  const missing = uniqueName("e2e-missing");
  await topicPage.goto(missing);
  await expect(topicPage.notFound).toContainText(`Topic ${missing} does not exist on cluster default`);
});

test("a console whose Kafka does not answer says so and keeps retrying", async ({ browser }) => {
  const down = consoleUrl(1);
  const page = await (await browser.newContext({ storageState: { cookies: [], origins: [] } })).newPage();
  await page.goto(`${down}/clusters/default/topics`);
  // That console has its own store, so its own sign-in.
  await new SignInPage(page).signIn(accounts.admin.username, accounts.admin.password);
  await expect(page).toHaveURL(`${down}/clusters/default/topics`);
  await expect(new TopicsPage(page).kafkaDownAlert).toContainText("Kafka at 127.0.0.1:1 is not reachable — retrying");

  // Its DLQ pages read the store, which answers; they must not look current while the indexer cannot read Kafka.
  await page.goto(`${down}/clusters/default/dlqs`);
  const indexer = page.getByRole("status", { name: "Indexer" });
  await expect(indexer).toContainText(/The indexer is failing \(since .+ ago\)/, { timeout: 60_000 });
  await expect(indexer).toContainText("Kafka at 127.0.0.1:1 is not reachable");
  await expect(indexer).toContainText("records that reached the DLQs since show once it recovers");
  await page.goto(`${down}/clusters/default`);
  await expect(indexer).toContainText("The indexer is failing");
});

test("where the indexer reads Kafka, no indexer warning shows", async ({ page }) => {
  await page.goto("/clusters/default/dlqs");
  await expect(page.getByRole("heading", { name: "Dead-letter queues" })).toBeVisible();
  // The status is polled: give it a poll's time to show, had it anything to say.
  await expect
    .poll(async () => (await page.request.get("/api/clusters/default/indexer")).json(), { timeout: 20_000 })
    .toMatchObject({ state: "indexing", lastError: null });
  await expect(page.getByRole("status", { name: "Indexer" })).toHaveCount(0);
});
