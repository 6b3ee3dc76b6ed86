// The sign-in route over a real socket: a console with no users serves only setup instructions; the client's address
// comes from the socket (X-Forwarded-For only from a trusted proxy) and is audited; limits per address and username
// lock an attacker out without locking the admin out; rejected attempts add a bounded number of audit rows; and a
// body over 1 MiB is refused before it is read whole.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { asc, gt, max } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeConnections, send, serveRoute, type RouteServer } from "@/test/route-server";

process.env.REDRIVE_DATA_DIR = mkdtempSync(join(tmpdir(), "redrive-sign-in-"));
process.env.REDRIVE_SIGN_IN_ATTEMPTS_PER_MINUTE = "3";
delete process.env.DATABASE_URL;
delete process.env.REDRIVE_ADMIN_PASSWORD;

const authRoute = await import("./[...all]/route");
const meRoute = await import("../me/route");
const { getAuthContext } = await import("@/lib/auth/server-auth");
const { bootstrapFirstAdmin } = await import("@/lib/auth/bootstrap");
const { verifyAuditLog } = await import("@/lib/audit/audit-log");
const { auditLog } = await import("@/lib/store/audit-schema");

const PASSWORD = "sign-in-test-password";
let server: RouteServer;
beforeAll(async () => {
  // The test's client at 127.0.0.1 plays a reverse proxy; every other 127.x address is a client of its own.
  server = await serveRoute(authRoute.POST, { all: ["sign-in", "username"] }, "127.0.0.1");
});
afterAll(async () => {
  closeConnections();
  await server.close();
});

const signIn = (username: string, password: string, from: string, forwardedFor?: string) =>
  send(`${server.origin}/api/auth/sign-in/username`, {
    method: "POST",
    from,
    headers: { origin: server.origin, "content-type": "application/json", ...(forwardedFor && { "x-forwarded-for": forwardedFor }) },
    body: JSON.stringify({ username, password }),
  });
const me = (cookie?: string) =>
  meRoute.GET(new Request("http://127.0.0.1/api/me", { headers: cookie ? { cookie } : {} }), { params: Promise.resolve({}) });

async function entriesAfter(seq: bigint) {
  const { store } = await getAuthContext();
  return store.db.select().from(auditLog).where(gt(auditLog.seq, seq)).orderBy(asc(auditLog.seq));
}
async function lastSeq(): Promise<bigint> {
  const { store } = await getAuthContext();
  const [row] = await store.db.select({ seq: max(auditLog.seq) }).from(auditLog);
  return row?.seq ?? 0n;
}

describe("sign-in", () => {
  it("serves only setup instructions while no user exists", async () => {
    const response = await me();
    expect(response.status).toBe(503);
    expect((await response.json()).error).toMatchObject({
      code: "setup_required",
      message: expect.stringContaining("REDRIVE_ADMIN_PASSWORD"),
    });
  });

  it("audits the socket's address, ignoring X-Forwarded-For from a peer that is not a trusted proxy", async () => {
    const { store, rejectedSignIns } = await getAuthContext();
    await bootstrapFirstAdmin(store, PASSWORD);
    const before = await lastSeq();

    const ok = await signIn("admin", PASSWORD, "127.0.0.2", "192.0.2.7");
    expect(ok.status).toBe(200);
    const cookie = [ok.headers["set-cookie"] ?? []].flat()[0]!.split(";")[0]!;
    expect(await (await me(cookie)).json()).toMatchObject({ user: { username: "admin", role: "admin" }, via: "session" });
    expect((await signIn("admin", "wrong-password-1", "127.0.0.2", "192.0.2.7")).status).toBe(401);
    await rejectedSignIns.flush({ all: true });

    expect((await entriesAfter(before)).map((e) => [e.actor, e.action, e.source])).toEqual([
      ["admin", "auth.sign_in", "127.0.0.2"],
      ["admin", "auth.sign_in_failed", "127.0.0.2"],
    ]);
  });

  it("takes the client from X-Forwarded-For behind a trusted proxy: the right-most address the proxy did not add", async () => {
    const { rejectedSignIns } = await getAuthContext();
    const before = await lastSeq();
    // The client wrote 192.0.2.99 itself; the proxy at 127.0.0.1 appended the address it saw, 198.51.100.23.
    expect((await signIn("admin", PASSWORD, "127.0.0.1", "192.0.2.99, 198.51.100.23")).status).toBe(200);
    expect((await signIn("admin", "wrong-password", "127.0.0.1", "192.0.2.99, 198.51.100.23")).status).toBe(401);
    await rejectedSignIns.flush({ all: true });
    expect((await entriesAfter(before)).map((e) => [e.actor, e.action, e.source])).toEqual([
      ["admin", "auth.sign_in", "198.51.100.23"],
      ["admin", "auth.sign_in_failed", "198.51.100.23"],
    ]);
  });

  it("locks an attacking address out of a username, while the admin signs in from another address", async () => {
    const attacker = "127.0.0.3";
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await signIn("admin", `guess-${i}-password`, attacker)).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    const limited = await signIn("admin", PASSWORD, attacker);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
    expect(JSON.parse(limited.text).error.message).toMatch(/Too many sign-in attempts for "admin" from this address; try again in \d+ s/);
    // Neither the real admin elsewhere nor another account is locked out by it.
    expect((await signIn("admin", PASSWORD, "127.0.0.4")).status).toBe(200);
    expect((await signIn("someone-else", "whatever-password", attacker)).status).toBe(401);
  });

  it("limits one address across usernames (12 = 4 × 3 a minute), and only that address", async () => {
    const sprayer = "127.0.0.5";
    const statuses = [];
    for (let i = 0; i < 13; i++) statuses.push((await signIn(`user-${i}`, "some-guessed-password", sprayer)).status);
    expect(statuses).toEqual([...Array<number>(12).fill(401), 429]);
    const limited = await signIn("admin", PASSWORD, sprayer);
    expect(JSON.parse(limited.text).error.message).toMatch(/Too many sign-in attempts from this address/);
    expect((await signIn("user-0", "some-guessed-password", "127.0.0.6")).status).toBe(401);
  });

  it("counts 10,000 rejected attempts into a bounded number of audit rows, and the chain still verifies", async () => {
    const { store, rejectedSignIns } = await getAuthContext();
    await rejectedSignIns.flush({ all: true });
    const before = await lastSeq();
    const attacker = "127.0.0.7";
    const started = Date.now();
    for (let i = 0; i < 10_000; i++) await signIn(i % 2 === 0 ? "admin" : `guess-${i}`, "not-the-password", attacker);
    await rejectedSignIns.flush({ all: true });
    const minutes = Math.ceil((Date.now() - started) / 60_000) + 1;

    const added = await entriesAfter(before);
    // Per minute: at most a first entry and a summary for each (username, address) the limits let through, plus the
    // address's own refusals. 12 usernames reach the password check from one address.
    expect(added.length).toBeLessThanOrEqual(2 * (12 + 2) * minutes);
    // A summary counts its minute's first attempt too, which has an entry of its own.
    const counted = (e: (typeof added)[number]) =>
      e.action === "auth.sign_in_rejected" ? (e.details as { attempts: number }).attempts - 1 : 1;
    const attempts = added.reduce((sum, e) => sum + counted(e), 0);
    expect(attempts).toBe(10_000);
    expect(added.every((e) => e.source === attacker)).toBe(true);
    const addressRefused = added.find((e) => e.actor === "*");
    expect(addressRefused).toMatchObject({ action: "auth.sign_in_rate_limited", details: { status: 429, scope: "address" } });
    expect(await verifyAuditLog(store)).toMatchObject({ ok: true });
  }, 180_000);

  it("answers 413 to a 2 MiB body without reading it whole, declared or chunked", async () => {
    const url = `${server.origin}/api/auth/sign-in/username`;
    let pulled = 0;
    const chunk = new Uint8Array(64 * 1024).fill(0x20);
    const twoMiB = (declared: boolean) => {
      pulled = 0;
      const body = new ReadableStream<Uint8Array>(
        {
          pull(controller) {
            if (pulled >= 2 * 1024 * 1024) return controller.close();
            pulled += chunk.byteLength;
            controller.enqueue(chunk);
          },
        },
        { highWaterMark: 0 },
      );
      const headers = {
        host: "127.0.0.1",
        origin: "http://127.0.0.1",
        "content-type": "application/json",
        ...(declared && { "content-length": String(2 * 1024 * 1024) }),
      };
      return authRoute.POST(new Request(url, { method: "POST", headers, body, duplex: "half" } as RequestInit));
    };

    const declared = await twoMiB(true);
    expect(declared.status).toBe(413);
    expect((await declared.json()).error).toEqual({ code: "payload_too_large", message: "The body is larger than 1048576 bytes" });
    expect(pulled).toBeLessThanOrEqual(chunk.byteLength);

    const chunked = await twoMiB(false);
    expect(chunked.status).toBe(413);
    expect(pulled).toBeLessThanOrEqual(1024 * 1024 + chunk.byteLength);

    // And over the socket, as a client would send it.
    const overSocket = await send(url, {
      method: "POST",
      from: "127.0.0.8",
      headers: { origin: server.origin, "content-type": "application/json" },
      body: Buffer.alloc(2 * 1024 * 1024, 0x20),
    });
    expect(overSocket.status).toBe(413);
  });
});
