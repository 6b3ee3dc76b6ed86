// Sign-in, sessions, roles and tokens against the real store (PGlite and PostgreSQL), through better-auth's
// own HTTP handler — no mock stands in for the database or the auth library.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditLog } from "@/lib/audit/audit-log";
import { apiToken, session as sessionTable } from "@/lib/store/auth-schema";
import { openStore, type Store } from "@/lib/store/open-store";
import { storeBackends, type TestBackend } from "@/test/store-backends";
import { actorFor, systemActor } from "./actor";
import { createAuth, type Auth } from "./auth";
import { bootstrapFirstAdmin } from "./bootstrap";
import { actorForToken, createToken, listTokens, revokeToken } from "./tokens";
import { createUser, listUsers, updateUser } from "./users";

const backends = await storeBackends();
const ORIGIN = "http://console.test";

function signIn(auth: Auth, username: string, password: string) {
  return auth.handler(
    new Request(`${ORIGIN}/api/auth/sign-in/username`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: ORIGIN, host: "console.test", "x-forwarded-for": "10.0.0.1" },
      body: JSON.stringify({ username, password }),
    }),
  );
}

const cookieOf = (response: Response) => response.headers.get("set-cookie")!.split(";")[0]!;

describe.each(backends)("auth on $name", (backend: TestBackend) => {
  let target: Awaited<ReturnType<TestBackend["create"]>>;
  let store: Store;
  let auth: Auth;

  beforeAll(async () => {
    target = await backend.create();
    store = await openStore(target);
    auth = createAuth(store, {
      secret: "x".repeat(40),
      idleSeconds: 3600,
      signInAttemptsPerMinute: 50,
      secureCookies: false,
      baseURL: ORIGIN,
    });
  });
  afterAll(async () => {
    await store.close();
    await target.dispose();
  });

  it("bootstraps the first admin once, and only when asked to", async () => {
    expect(await bootstrapFirstAdmin(store, undefined)).toBe("setup-required");
    expect(await bootstrapFirstAdmin(store, "first-admin-password")).toBe("admin-created");
    expect(await bootstrapFirstAdmin(store, "another-password-123")).toBe("users-exist");
    expect((await listUsers(store)).map((u) => [u.username, u.role])).toEqual([["admin", "admin"]]);
  });

  it("signs a user in with the right password only, into a server-side session", async () => {
    await createUser(store, systemActor("test"), { username: "Olga", password: "operator-password", role: "operator" });
    expect((await signIn(auth, "olga", "wrong-password!!")).status).toBe(401);
    const ok = await signIn(auth, "olga", "operator-password");
    expect(ok.status).toBe(200);
    expect(ok.headers.get("set-cookie")).toMatch(/HttpOnly/i);
    expect(ok.headers.get("set-cookie")).toMatch(/SameSite=Lax/i);
    const found = await auth.api.getSession({ headers: new Headers({ cookie: cookieOf(ok) }) });
    expect(found?.user).toMatchObject({ username: "olga", role: "operator" });
  });

  it("ends a session left idle past the idle timeout", async () => {
    const impatient = createAuth(store, {
      secret: "x".repeat(40),
      idleSeconds: 2,
      signInAttemptsPerMinute: 50,
      secureCookies: false,
      baseURL: ORIGIN,
    });
    const cookie = cookieOf(await signIn(impatient, "olga", "operator-password"));
    expect(await impatient.api.getSession({ headers: new Headers({ cookie }) })).not.toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(await impatient.api.getSession({ headers: new Headers({ cookie }) })).toBeNull();
  });

  it("marks the session cookie Secure when the console is served over TLS", async () => {
    const overTls = createAuth(store, {
      secret: "x".repeat(40),
      idleSeconds: 3600,
      signInAttemptsPerMinute: 50,
      secureCookies: true,
      baseURL: ORIGIN,
    });
    const cookie = (await signIn(overTls, "olga", "operator-password")).headers.get("set-cookie")!;
    expect(cookie).toMatch(/;\s*Secure/i);
    expect(cookie).toMatch(/HttpOnly/i);
  });

  it("refuses a duplicate username with a conflict", async () => {
    await expect(
      createUser(store, systemActor("test"), { username: "olga", password: "another-password", role: "viewer" }),
    ).rejects.toMatchObject({
      kind: "conflict",
    });
  });

  it("ends sessions on a role change and blocks a disabled user from signing in", async () => {
    const [olga] = (await listUsers(store)).filter((u) => u.username === "olga");
    const cookie = cookieOf(await signIn(auth, "olga", "operator-password"));
    await updateUser(store, systemActor("test"), olga!.id, { role: "viewer" });
    expect(await auth.api.getSession({ headers: new Headers({ cookie }) })).toBeNull();

    await updateUser(store, systemActor("test"), olga!.id, { disabled: true });
    expect((await signIn(auth, "olga", "operator-password")).status).not.toBe(200);
    expect(await store.db.select().from(sessionTable).where(eq(sessionTable.userId, olga!.id))).toEqual([]);
  });

  it("never leaves the console without an enabled admin", async () => {
    const [admin] = (await listUsers(store)).filter((u) => u.username === "admin");
    await expect(updateUser(store, systemActor("test"), admin!.id, { role: "viewer" })).rejects.toMatchObject({ kind: "conflict" });
    await expect(updateUser(store, systemActor("test"), admin!.id, { disabled: true })).rejects.toMatchObject({ kind: "conflict" });
  });

  it("creates tokens that are stored hashed, record last use, and stop working when revoked", async () => {
    const created = await createToken(store, systemActor("test"), { name: "ci", role: "operator" });
    expect(created.token).toMatch(/^rdv_[A-Za-z0-9_-]{43}$/);
    const actor = await actorForToken(store, created.token, "10.0.0.2");
    expect(actor).toMatchObject({ kind: "token", name: "ci", role: "operator" });
    expect((await listTokens(store)).find((t) => t.id === created.id)?.lastUsedAt).not.toBeNull();
    const rows = JSON.stringify(await listTokens(store));
    expect(rows).not.toContain(created.token);

    await revokeToken(store, systemActor("test"), created.id);
    expect(await actorForToken(store, created.token, null)).toBeNull();
    expect(await actorForToken(store, "rdv_not-a-real-token", null)).toBeNull();
  });

  it("refuses an expired token, and a token while the user behind it is disabled (also one from before creator ids)", async () => {
    const maker = await createUser(store, systemActor("test"), { username: "tess", password: "token-maker-password", role: "admin" });
    const asTess = actorFor("user", maker.id, "tess", "admin", null);
    const expiring = await createToken(store, asTess, { name: "short-lived", role: "viewer", expiresInDays: 1 });
    const legacy = await createToken(store, asTess, { name: "legacy", role: "viewer" });
    // A token made before creator_user_id existed names its maker by username only.
    await store.db.update(apiToken).set({ creatorUserId: null }).where(eq(apiToken.id, legacy.id));
    expect(await actorForToken(store, expiring.token, null)).toMatchObject({ name: "short-lived" });

    await store.db
      .update(apiToken)
      .set({ expiresAt: new Date(Date.now() - 1) })
      .where(eq(apiToken.id, expiring.id));
    const expired = actorForToken(store, expiring.token, null);
    await expect(expired).rejects.toMatchObject({ kind: "unauthorized", message: expect.stringContaining("expired at") });

    await updateUser(store, systemActor("test"), maker.id, { disabled: true });
    const disabled = actorForToken(store, legacy.token, null);
    await expect(disabled).rejects.toMatchObject({
      kind: "unauthorized",
      message: expect.stringContaining("the user behind it is disabled"),
    });
    await updateUser(store, systemActor("test"), maker.id, { disabled: false });
    expect(await actorForToken(store, legacy.token, null)).toMatchObject({ name: "legacy" });
  });

  it("audits every change in one intact chain", async () => {
    const verified = await verifyAuditLog(store);
    expect(verified).toMatchObject({ ok: true });
    expect(verified.entries).toBeGreaterThanOrEqual(6);
  });
});
