// API tokens with a lifetime in Settings, and what `next start` itself makes of a caller's address: the audit keeps
// the socket's peer, not an X-Forwarded-For the caller wrote, and an anonymous readiness probe learns only {ok}.
import { expect, test, type Browser } from "@playwright/test";
import { SettingsPage } from "./pages/settings-page";
import { consoleUrl, storageStatePath } from "./support/accounts";
import { uniqueName } from "./support/kafka-seed";

// Request contexts take the project's signed-in state unless told otherwise.
const SIGNED_OUT = { cookies: [], origins: [] };

async function adminPage(browser: Browser) {
  const context = await browser.newContext({ storageState: storageStatePath("admin") });
  return context.newPage();
}

test("an admin makes a token that expires in 7 days, and sees its expiry and when it was last used", async ({ browser }) => {
  const page = await adminPage(browser);
  const settings = new SettingsPage(page);
  await settings.goto();
  const name = uniqueName("e2e-expiring");
  const token = await test.step("create the token with a 7-day lifetime", () => settings.createToken(name, "viewer", "7 days"));

  const inSevenDays = (offsetMs: number) => new Date(Date.now() + 7 * 86_400_000 + offsetMs).toISOString().slice(0, 10);
  await expect(settings.tokenCell(name, "Expires")).toHaveText(new RegExp(`^(${inSevenDays(-60_000)}|${inSevenDays(60_000)})$`));
  await expect(settings.tokenCell(name, "Last used")).toHaveText("Never");
  await expect(settings.tokenCell(name, "Status")).toHaveText("active");

  await test.step("use it, and the table says it was just used", async () => {
    expect((await page.context().request.get("/api/me", { headers: { authorization: `Bearer ${token}` } })).status()).toBe(200);
    await page.reload();
    await expect(settings.tokenCell(name, "Last used")).toHaveText(/^(just now|\d+s ago)$/);
  });
});

test("the audit records the socket's address, not an X-Forwarded-For the caller wrote", async ({ browser, playwright }) => {
  const stranger = await playwright.request.newContext({ baseURL: consoleUrl(), storageState: SIGNED_OUT });
  const username = uniqueName("e2e-spoofer").toLowerCase();
  const refused = await stranger.post("/api/auth/sign-in/username", {
    data: { username, password: "not-anyones-password" },
    headers: { origin: consoleUrl(), "x-forwarded-for": "203.0.113.77", "x-redrive-client-ip": "203.0.113.78" },
  });
  expect(refused.status()).toBe(401);

  const admin = (await adminPage(browser)).context().request;
  const audit = await admin.get(`/api/audit?actor=${username}&action=auth.sign_in_failed`);
  expect((await audit.json()).entries).toEqual([expect.objectContaining({ actor: username, source: "127.0.0.1" })]);
  await stranger.dispose();
});

test("an anonymous readiness probe learns only whether the console is ready", async ({ playwright }) => {
  const anonymous = await playwright.request.newContext({ baseURL: consoleUrl(), storageState: SIGNED_OUT });
  const ready = await anonymous.get("/api/ready");
  expect(ready.status()).toBe(200);
  expect(await ready.json()).toEqual({ ok: true });
  await anonymous.dispose();
});
