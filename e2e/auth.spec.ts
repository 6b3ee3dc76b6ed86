// Signing in and out, and what each role may see and do, in a real browser against the production build.
import { expect, test, type Browser } from "@playwright/test";
import { OverviewPage } from "./pages/overview-page";
import { SettingsPage } from "./pages/settings-page";
import { SignInPage } from "./pages/sign-in-page";
import { accounts, consoleUrl, storageStatePath, type AccountRole } from "./support/accounts";
import { uniqueName } from "./support/kafka-seed";

async function pageAs(browser: Browser, role: AccountRole | null) {
  const context = await browser.newContext({ storageState: role ? storageStatePath(role) : { cookies: [], origins: [] } });
  return context.newPage();
}

test("a viewer reads the console but sees no settings, and the API refuses it admin work", async ({ browser }) => {
  const page = await pageAs(browser, "viewer");
  const overview = new OverviewPage(page);
  await overview.goto();
  await expect(overview.userMenuButton).toContainText(accounts.viewer.username);
  await expect(overview.userMenuButton).toContainText("viewer");
  await expect(overview.navLink("Topics")).toBeVisible();
  await expect(overview.nav.getByRole("link", { name: "Settings" })).toHaveCount(0);

  const settings = new SettingsPage(page);
  await settings.goto();
  await expect(settings.forbidden).toBeVisible();
  await expect(settings.usersTable).toHaveCount(0);

  const refused = await page.request.post("/api/tokens", { data: { name: "nope", role: "admin" }, headers: { origin: consoleUrl() } });
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error.code).toBe("forbidden");
});

test("an operator sees no settings either", async ({ browser }) => {
  const page = await pageAs(browser, "operator");
  const settings = new SettingsPage(page);
  await settings.goto();
  await expect(settings.userMenuButton).toContainText("operator");
  await expect(settings.forbidden).toBeVisible();
  await expect(settings.nav.getByRole("link", { name: "Settings" })).toHaveCount(0);
});

test("an admin manages users and tokens; a token is shown once and works until revoked", async ({ browser }) => {
  const page = await pageAs(browser, "admin");
  const settings = new SettingsPage(page);
  await settings.goto();
  await expect(settings.nav.getByRole("link", { name: "Settings" })).toBeVisible();
  await expect(settings.userRow(accounts.viewer.username)).toContainText("viewer");

  const newcomer = uniqueName("e2e-newcomer").toLowerCase();
  await settings.createUser({ username: newcomer, password: "short", role: "viewer" });
  await expect(settings.createUserError).toContainText("password");
  await settings.createUser({ username: newcomer, password: "a-long-enough-password", role: "viewer" });
  await expect(settings.userRow(newcomer)).toBeVisible();
  await settings.setRole(newcomer, "operator");
  await expect(settings.roleSelect(newcomer)).toHaveValue("operator");

  const tokenName = uniqueName("e2e-script");
  const token = await settings.createToken(tokenName, "viewer");
  expect(token).toMatch(/^rdv_/);
  const api = page.context().request;
  const asToken = { headers: { authorization: `Bearer ${token}` } };
  expect((await api.get("/api/clusters", asToken)).status()).toBe(200);
  await page.reload();
  await expect(settings.newToken).toHaveCount(0);
  await expect(settings.tokenRow(tokenName)).toBeVisible();
  await expect(settings.tokenRow(tokenName)).not.toContainText("Never");

  await settings.revokeToken(tokenName);
  await expect(settings.tokenRow(tokenName)).toContainText(/revoked/i);
  expect((await api.get("/api/clusters", asToken)).status()).toBe(401);
});

test("a wrong password shows an error and does not sign in", async ({ browser }) => {
  const page = await pageAs(browser, null);
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(accounts.operator.username, "not-the-password");
  await expect(signIn.error).toContainText("Wrong username or password");
  await expect(page).toHaveURL(/\/sign-in/);
  expect((await page.request.get("/api/me")).status()).toBe(401);
});

test("signing in returns to the page that asked, and signing out ends the session", async ({ browser }) => {
  const page = await pageAs(browser, null);
  await page.goto("/clusters/default/groups");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fclusters%2Fdefault%2Fgroups$/);
  const signIn = new SignInPage(page);
  await signIn.signIn(accounts.operator.username, accounts.operator.password);
  await expect(page).toHaveURL(/\/clusters\/default\/groups$/);
  const overview = new OverviewPage(page);
  await expect(overview.heading("Consumer groups")).toBeVisible();

  await overview.signOut();
  await page.goto("/clusters/default/topics");
  await expect(page).toHaveURL(/\/sign-in\?next=/);
  expect((await page.request.get("/api/me")).status()).toBe(401);
});

test("signing out everywhere ends the user's sessions in every browser", async ({ browser }) => {
  const signInAs = async () => {
    const page = await pageAs(browser, null);
    await page.goto("/sign-in");
    await new SignInPage(page).signIn(accounts.operator.username, accounts.operator.password);
    await expect(page).toHaveURL(/\/clusters\/default$/);
    return page;
  };
  const laptop = await signInAs();
  const phone = await signInAs();
  await new OverviewPage(laptop).signOutEverywhere();
  await phone.goto("/clusters/default/topics");
  await expect(phone).toHaveURL(/\/sign-in\?next=/);
});

test("an expired session returns to sign-in with the page it was going to", async ({ browser }) => {
  const short = consoleUrl(2);
  const page = await pageAs(browser, null);
  await page.goto(`${short}/sign-in`);
  const signIn = new SignInPage(page);
  await signIn.signIn(accounts.admin.username, accounts.admin.password);
  const overview = new OverviewPage(page);
  await expect(overview.heading("Overview")).toBeVisible();

  // Sessions on this console last 6 seconds from sign-in, however active.
  await page.waitForTimeout(7_000);
  await page.goto(`${short}/clusters/default/topics`);
  await expect(page).toHaveURL(`${short}/sign-in?next=%2Fclusters%2Fdefault%2Ftopics`);
  await signIn.signIn(accounts.admin.username, accounts.admin.password);
  await expect(page).toHaveURL(`${short}/clusters/default/topics`);
});

test("a crafted next= link never leads off the console", async ({ browser }) => {
  const page = await pageAs(browser, "viewer");
  for (const next of ["//evil.example/", "/%5Cevil.example", "https://evil.example/"]) {
    await page.goto(`/sign-in?next=${next}`);
    expect(new URL(page.url()).origin).toBe(consoleUrl());
  }
});

test("pages carry a nonce-based Content-Security-Policy and the other security headers", async ({ browser }) => {
  const page = await pageAs(browser, "viewer");
  const response = await page.goto("/clusters/default");
  const headers = response!.headers();
  expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("same-origin");
  const api = await page.request.get("/api/health");
  expect(api.headers()["content-security-policy"]).toContain("default-src 'none'");
});
