// After every other spec: the configured secrets appear in no server log line, no page and no API answer.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { ADMIN_PASSWORD, AUTH_SECRET, SASL_PASSWORD, SERVER_LOG_DIR, accounts, consolePort, consoleUrl } from "./support/accounts";

const secrets = {
  ADMIN_PASSWORD,
  AUTH_SECRET,
  SASL_PASSWORD,
  OPERATOR_PASSWORD: accounts.operator.password,
  VIEWER_PASSWORD: accounts.viewer.password,
};

test("no configured secret appears in the servers' logs", () => {
  // The four consoles the config starts, and any a spec started itself (the crash test's), all checked.
  const logs = readdirSync(SERVER_LOG_DIR).filter((f) => f.endsWith(".log"));
  expect(logs).toEqual(expect.arrayContaining(([0, 1, 2, 3] as const).map((i) => `${consolePort(i)}.log`)));
  for (const file of logs) {
    const text = readFileSync(join(SERVER_LOG_DIR, file), "utf8");
    expect(text.length, `${file} is empty: the log capture is broken`).toBeGreaterThan(0);
    for (const [name, secret] of Object.entries(secrets)) expect(text.includes(secret), `${name} in ${file}`).toBe(false);
  }
});

test("no configured secret appears in pages or API answers of the console with SASL credentials", async ({ page }) => {
  const down = consoleUrl(1);
  await page.goto(`${down}/sign-in`);
  await page.getByLabel("Username").fill("admin");
  await page.getByLabel("Password").fill(ADMIN_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(`${down}/clusters/default`);
  const bodies = [await page.content()];
  for (const path of ["/api/clusters", "/api/ready", "/api/clusters/default/topics", "/api/me"]) {
    bodies.push(await (await page.request.get(down + path)).text());
  }
  for (const body of bodies) for (const [name, secret] of Object.entries(secrets)) expect(body.includes(secret), name).toBe(false);
});
