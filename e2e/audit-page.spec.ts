// The audit page in a real browser: an operator's discard shows up with who, what and which record, the filters
// live in the URL, the chain verifies, and the CSV export holds the entry; a viewer gets neither page nor link.
import { readFileSync } from "node:fs";
import { expect, test, type Browser } from "@playwright/test";
import { springDltRecord } from "./support/dlq-records";
import { KafkaSeed, uniqueName } from "./support/kafka-seed";
import { storageStatePath, type AccountRole } from "./support/accounts";

const seed = new KafkaSeed();
const originalTopic = uniqueName("e2e-audit");
const dlq = `${originalTopic}.DLT`;
let offset = "";

test.beforeAll(async () => {
  await seed.createTopic(originalTopic, 1);
  await seed.createTopic(dlq, 1);
  const placed = await seed.produceRecords(dlq, [
    springDltRecord({ originalTopic, exceptionClass: "com.shop.Broken", message: "Order 1 broken", key: "o-1", value: "{}" }),
  ]);
  offset = placed[0]!.offset;
});
test.afterAll(() => seed.cleanup());

async function pageAs(browser: Browser, role: AccountRole) {
  const context = await browser.newContext({ storageState: storageStatePath(role) });
  return context.newPage();
}

test("an operator's discard is in the audit log, filterable, verifiable and exported", async ({ browser, baseURL }) => {
  test.setTimeout(90_000);
  const page = await pageAs(browser, "operator");
  const messageApi = `/api/clusters/default/dlqs/${encodeURIComponent(dlq)}/messages/0/${offset}`;
  await expect(async () => expect((await page.request.get(messageApi)).status()).toBe(200)).toPass({ timeout: 30_000 });
  const discarded = await page.request.post(`${messageApi}/discard`, {
    headers: { origin: baseURL! },
    data: { reason: "e2e: customer gone" },
  });
  expect(discarded.status()).toBe(200);

  await page.goto("/clusters/default");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
  await page.getByLabel("Topic").fill(dlq);
  await expect(page).toHaveURL(new RegExp(`[?&]topic=${encodeURIComponent(dlq).replace(/\./g, "\\.")}`));
  const table = page.getByRole("table", { name: "Audit log" });
  const row = table.getByRole("row").filter({ hasText: "message.discard" });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("e2e-operator");
  await expect(row).toContainText("e2e: customer gone");
  await expect(row.getByRole("link", { name: `${dlq} · 0/${offset}` })).toHaveAttribute(
    "href",
    `/clusters/default/dlqs/${encodeURIComponent(dlq)}/messages/0/${offset}`,
  );

  // The filter survives a reload; another action filters the row out.
  await page.reload();
  await expect(table.getByRole("row").filter({ hasText: "message.discard" })).toHaveCount(1);
  await page.getByLabel("Action").selectOption("message.redeliver");
  await expect(page.getByText("No audit entries match")).toBeVisible();
  await page.getByLabel("Action").selectOption("");

  await page.getByRole("button", { name: "Verify chain" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Chain intact" })).toBeVisible();

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const csv = readFileSync((await (await download).path())!, "utf8");
  expect(csv.split("\r\n")[0]).toBe("seq,at,actor,role,action,cluster,topic,partition,offset,target,details,hash");
  expect(csv).toContain(`,e2e-operator,operator,message.discard,default,${dlq},0,${offset},`);
  expect(csv.split("\r\n").filter(Boolean)).toHaveLength(2);
});

test("a viewer has no audit log: no link, a forbidden page, a 403 from the API", async ({ browser }) => {
  const page = await pageAs(browser, "viewer");
  await page.goto("/audit");
  await expect(page.getByText("You need the operator role to see the audit log")).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit log" })).toHaveCount(0);
  expect((await page.request.get("/api/audit")).status()).toBe(403);
});
