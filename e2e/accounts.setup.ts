// Signs in once per role and saves the browser state, so specs start signed in (auth stays on in every test).
import { expect, test as setup } from "@playwright/test";
import { accounts, consoleUrl, storageStatePath, type AccountRole } from "./support/accounts";

const BASE = consoleUrl();

setup("create the operator and viewer, and save a signed-in state for every role", async ({ playwright }) => {
  const api = await playwright.request.newContext({ baseURL: BASE, extraHTTPHeaders: { origin: BASE } });
  const signIn = (role: AccountRole) => api.post("/api/auth/sign-in/username", { data: accounts[role] });

  expect((await signIn("admin")).status()).toBe(200);
  for (const role of ["operator", "viewer"] as const) {
    const created = await api.post("/api/users", { data: { ...accounts[role], role } });
    expect(created.status(), await created.text()).toBe(201);
  }
  await api.storageState({ path: storageStatePath("admin") });
  await api.dispose();

  for (const role of ["operator", "viewer"] as const) {
    const session = await playwright.request.newContext({ baseURL: BASE, extraHTTPHeaders: { origin: BASE } });
    expect((await session.post("/api/auth/sign-in/username", { data: accounts[role] })).status()).toBe(200);
    await session.storageState({ path: storageStatePath(role) });
    await session.dispose();
  }
});
