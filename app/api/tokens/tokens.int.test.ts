// API tokens through the real route stack: one made to expire says so when used after its time; last use is recorded
// on use at most once a minute; a token stops working while the person who made it (or made the token that made
// it) is disabled.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { callGet, callPost, callSend } from "@/test/api-client";

process.env.REDRIVE_DATA_DIR = mkdtempSync(join(tmpdir(), "redrive-tokens-"));
delete process.env.DATABASE_URL;

const tokensRoute = await import("./route");
const userRoute = await import("../users/[id]/route");
const meRoute = await import("../me/route");
const { getAuthContext } = await import("@/lib/auth/server-auth");
const { actorFor } = await import("@/lib/auth/actor");
const { createToken } = await import("@/lib/auth/tokens");
const { createUser } = await import("@/lib/auth/users");
const { systemActor } = await import("@/lib/auth/actor");
const { apiToken } = await import("@/lib/store/auth-schema");

type Listed = { id: string; expiresAt: string | null; lastUsedAt: string | null };
const meWith = (token: string) =>
  meRoute.GET(new Request("http://localhost/api/me", { headers: { authorization: `Bearer ${token}` } }), { params: Promise.resolve({}) });
const listed = async (id: string) => {
  const tokens = (await (await callGet(tokensRoute.GET, "/api/tokens", {}, "admin")).json()) as Listed[];
  return tokens.find((t) => t.id === id)!;
};
const createVia = async (body: unknown) =>
  (await callPost(tokensRoute.POST, "/api/tokens", {}, body, "admin")).json() as Promise<{ id: string; token: string }>;
const setDisabled = (id: string, disabled: boolean) =>
  callSend("PATCH", userRoute.PATCH, `/api/users/${id}`, { id }, { disabled }, "admin");

describe("API tokens", () => {
  it("expire when asked, and say so when used after their time", async () => {
    const created = await callPost(tokensRoute.POST, "/api/tokens", {}, { name: "quarterly", role: "viewer", expiresInDays: 90 }, "admin");
    expect(created.status).toBe(201);
    const token = (await created.json()) as { id: string; token: string; expiresAt: string };
    expect(Math.abs(new Date(token.expiresAt).getTime() - (Date.now() + 90 * 86_400_000))).toBeLessThan(60_000);
    expect((await listed(token.id)).expiresAt).toBe(token.expiresAt);
    expect((await meWith(token.token)).status).toBe(200);

    // Ninety days later, as far as the store can tell.
    const { store } = await getAuthContext();
    await store.db
      .update(apiToken)
      .set({ expiresAt: new Date(Date.now() - 1_000) })
      .where(eq(apiToken.id, token.id));
    const expired = await meWith(token.token);
    expect(expired.status).toBe(401);
    const expiredMessage = (await expired.json()).error.message;
    expect(expiredMessage).toMatch(/^The API token "quarterly" expired at \d{4}-\d\d-\d\dT.*Z; ask an admin for a new one$/);

    const invalid = await callPost(tokensRoute.POST, "/api/tokens", {}, { name: "bad", role: "viewer", expiresInDays: 0 }, "admin");
    expect(invalid.status).toBe(422);
    expect((await invalid.json()).error.message).toBe("expiresInDays: at least 1 day");
  });

  it("records last use on use, at most once a minute", async () => {
    const created = await createVia({ name: "nightly", role: "viewer" });
    expect((await listed(created.id)).lastUsedAt).toBeNull();
    expect((await listed(created.id)).expiresAt).toBeNull();
    expect((await meWith(created.token)).status).toBe(200);
    const first = (await listed(created.id)).lastUsedAt;
    expect(Math.abs(new Date(first!).getTime() - Date.now())).toBeLessThan(10_000);
    expect((await meWith(created.token)).status).toBe(200);
    expect((await listed(created.id)).lastUsedAt).toBe(first);

    const { store } = await getAuthContext();
    await store.db
      .update(apiToken)
      .set({ lastUsedAt: new Date(Date.now() - 61_000) })
      .where(eq(apiToken.id, created.id));
    expect((await meWith(created.token)).status).toBe(200);
    expect(new Date((await listed(created.id)).lastUsedAt!).getTime()).toBeGreaterThan(Date.now() - 10_000);
  });

  it("stop working while their maker is disabled, also a token made by such a token", async () => {
    const { store } = await getAuthContext();
    const maker = await createUser(store, systemActor("test"), { username: "maker", password: "maker-password-1", role: "admin" });
    const asMaker = actorFor("user", maker.id, "maker", "admin", null);
    const makersToken = await createToken(store, asMaker, { name: "makers-script", role: "admin" });
    const asMakersToken = actorFor("token", makersToken.id, makersToken.name, "admin", null);
    const tokensToken = await createToken(store, asMakersToken, { name: "made-by-script", role: "viewer" });
    const cliToken = await createToken(store, systemActor("cli"), { name: "from-cli", role: "viewer" });
    expect((await meWith(makersToken.token)).status).toBe(200);
    expect((await meWith(tokensToken.token)).status).toBe(200);

    expect((await setDisabled(maker.id, true)).status).toBe(200);
    for (const token of [makersToken, tokensToken]) {
      const refused = await meWith(token.token);
      expect(refused.status).toBe(401);
      expect((await refused.json()).error.message).toBe(`The API token "${token.name}" no longer works: the user behind it is disabled`);
    }
    expect((await meWith(cliToken.token)).status).toBe(200);

    expect((await setDisabled(maker.id, false)).status).toBe(200);
    expect((await meWith(makersToken.token)).status).toBe(200);
  });
});
