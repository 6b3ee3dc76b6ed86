// The sign-in route as the server runs it: a console with no users serves only setup instructions; wrong
// passwords are refused and audited with their source address; a username under attack gets 429.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { asc } from "drizzle-orm";
import { describe, expect, it } from "vitest";

process.env.REDRIVE_DATA_DIR = mkdtempSync(join(tmpdir(), "redrive-sign-in-"));
process.env.REDRIVE_SIGN_IN_ATTEMPTS_PER_MINUTE = "3";
delete process.env.DATABASE_URL;
delete process.env.REDRIVE_ADMIN_PASSWORD;

const authRoute = await import("./[...all]/route");
const meRoute = await import("../me/route");
const { getAuthContext } = await import("@/lib/auth/server-auth");
const { bootstrapFirstAdmin } = await import("@/lib/auth/bootstrap");
const { auditLog } = await import("@/lib/store/audit-schema");

const ORIGIN = "http://127.0.0.1:3000";
const signIn = (username: string, password: string) =>
  authRoute.POST(
    new Request(`${ORIGIN}/api/auth/sign-in/username`, {
      method: "POST",
      headers: { host: "127.0.0.1:3000", origin: ORIGIN, "content-type": "application/json", "x-forwarded-for": "192.0.2.7" },
      body: JSON.stringify({ username, password }),
    }),
  );
const me = (cookie?: string) => meRoute.GET(new Request(`${ORIGIN}/api/me`, { headers: cookie ? { cookie } : {} }), { params: Promise.resolve({}) });

describe("sign-in", () => {
  it("serves only setup instructions while no user exists", async () => {
    const response = await me();
    expect(response.status).toBe(503);
    expect((await response.json()).error).toMatchObject({ code: "setup_required", message: expect.stringContaining("REDRIVE_ADMIN_PASSWORD") });
  });

  it("signs the admin in, refuses a wrong password, limits attempts per username, and audits each", async () => {
    const { store } = await getAuthContext();
    await bootstrapFirstAdmin(store, "sign-in-test-password");

    const ok = await signIn("admin", "sign-in-test-password");
    expect(ok.status).toBe(200);
    const cookie = ok.headers.get("set-cookie")!.split(";")[0]!;
    expect(await (await me(cookie)).json()).toMatchObject({ user: { username: "admin", role: "admin" }, via: "session" });

    expect((await signIn("admin", "wrong-password-1")).status).toBe(401);
    expect((await signIn("admin", "wrong-password-2")).status).toBe(401);
    const limited = await signIn("admin", "sign-in-test-password");
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    // Another account is not locked out by attacks on this one.
    expect((await signIn("someone-else", "whatever-password")).status).toBe(401);

    const entries = await store.db.select().from(auditLog).orderBy(asc(auditLog.seq));
    expect(entries.map((e) => [e.actor, e.action, e.source])).toEqual([
      ["system:bootstrap", "user.create", "local"],
      ["admin", "auth.sign_in", "192.0.2.7"],
      ["admin", "auth.sign_in_failed", "192.0.2.7"],
      ["admin", "auth.sign_in_failed", "192.0.2.7"],
      ["admin", "auth.sign_in_rate_limited", "192.0.2.7"],
      ["someone-else", "auth.sign_in_failed", "192.0.2.7"],
    ]);
    expect(entries.every((e) => e.at instanceof Date)).toBe(true);
  });
});
