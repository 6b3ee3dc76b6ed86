// The audit API over the embedded store: filters and cursor paging newest first, streamed CSV and JSONL
// exports, and a verify that names the first entry someone rewrote behind the trigger's back.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { AuditEntry } from "@/lib/contract/schemas";
import { callGet, tokenFor } from "@/test/api-client";

process.env.REDRIVE_DATA_DIR = mkdtempSync(join(tmpdir(), "redrive-audit-api-"));
delete process.env.DATABASE_URL;

const { recordAudit } = await import("@/lib/audit/audit-log");
const { getStore } = await import("@/lib/store/store");
const listRoute = await import("./route");
const exportRoute = await import("./export/route");
const verifyRoute = await import("./verify/route");

const topic = "audit-test.DLT";
let firstSeq = 0n;

beforeAll(async () => {
  await tokenFor("operator");
  const store = await getStore();
  const base = { cluster: "default", topic, role: "operator" };
  const first = await recordAudit(store, {
    ...base,
    actor: "alice",
    action: "message.redeliver",
    partition: 0,
    offset: 1n,
    target: { topic: "orders", partition: 2, offset: "77" },
  });
  firstSeq = first.seq;
  await recordAudit(store, {
    ...base,
    actor: "bob",
    action: "message.discard",
    partition: 0,
    offset: 2n,
    details: { reason: 'poison, "really"\nsecond line' },
  });
  await recordAudit(store, {
    ...base,
    actor: "=cmd|' /C calc'!A0",
    action: "message.discard",
    partition: 0,
    offset: 3n,
    details: { reason: "x" },
  });
  for (let i = 0; i < 5; i++)
    await recordAudit(store, { ...base, actor: "alice", action: "message.redeliver", partition: 1, offset: BigInt(i) });
}, 60_000);

const get = async <T>(handler: Parameters<typeof callGet>[0], search = "") => {
  const response = await callGet(handler, `/api/audit${search}`, {}, "operator");
  return {
    status: response.status,
    response,
    body: response.headers.get("content-type")?.startsWith("application/json") ? ((await response.json()) as T) : (undefined as T),
  };
};

describe("GET /api/audit", () => {
  it("pages newest first by cursor and filters by actor, action and topic", async () => {
    const seen: AuditEntry[] = [];
    let cursor: string | null = null;
    do {
      const { body }: { body: { entries: AuditEntry[]; nextCursor: string | null } } = await get(
        listRoute.GET,
        `?topic=${topic}&limit=3${cursor ? `&cursor=${cursor}` : ""}`,
      );
      seen.push(...body.entries);
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(8);
    expect(seen.map((e) => BigInt(e.seq))).toEqual([...seen.map((e) => BigInt(e.seq))].sort((a, b) => (a > b ? -1 : 1)));
    expect(seen.at(-1)).toMatchObject({
      actor: "alice",
      action: "message.redeliver",
      offset: "1",
      target: { topic: "orders", partition: 2, offset: "77" },
    });

    const bob = await get<{ entries: AuditEntry[] }>(listRoute.GET, "?actor=bob");
    expect(bob.body.entries.map((e) => e.action)).toEqual(["message.discard"]);
    const discards = await get<{ entries: AuditEntry[] }>(listRoute.GET, `?action=message.discard&topic=${topic}`);
    expect(discards.body.entries).toHaveLength(2);
    const none = await get<{ entries: AuditEntry[] }>(listRoute.GET, "?to=2000-01-01T00:00:00Z");
    expect(none.body.entries).toEqual([]);
  });

  it("answers 400 naming a bad parameter", async () => {
    for (const [search, name] of [
      ["?limit=0", "limit"],
      ["?from=yesterday", "from"],
      ["?cursor=abc", "cursor"],
      ["?colour=red", "colour"],
    ] as const) {
      const { status, body } = await get<{ error: { message: string } }>(listRoute.GET, search);
      expect(status).toBe(400);
      expect(body.error.message).toContain(`"${name}"`);
    }
  });
});

describe("the cluster filter", () => {
  // The same topic on two clusters: only the cluster tells the entries apart.
  const shared = "audit-cluster.DLT";

  beforeAll(async () => {
    const store = await getStore();
    await recordAudit(store, {
      cluster: "default",
      topic: shared,
      role: "operator",
      actor: "carol",
      action: "message.discard",
      partition: 0,
      offset: 5n,
      details: { reason: "on default" },
    });
    await recordAudit(store, {
      cluster: "second",
      topic: shared,
      role: "operator",
      actor: "carol",
      action: "message.redeliver",
      partition: 0,
      offset: 5n,
      target: { topic: "orders", partition: 0, offset: "9" },
    });
  });

  it("lists only the entries about that cluster's records", async () => {
    const second = await get<{ entries: AuditEntry[] }>(listRoute.GET, `?topic=${shared}&cluster=second`);
    expect(second.body.entries.map((e) => [e.cluster, e.action])).toEqual([["second", "message.redeliver"]]);
    const onDefault = await get<{ entries: AuditEntry[] }>(listRoute.GET, `?actor=carol&cluster=default`);
    expect(onDefault.body.entries.map((e) => [e.cluster, e.action])).toEqual([["default", "message.discard"]]);
  });

  it("finds nothing for a cluster id with no entries (a removed cluster's entries stay findable by its id)", async () => {
    const none = await get<{ entries: AuditEntry[] }>(listRoute.GET, "?cluster=no-such-cluster");
    expect([none.status, none.body.entries]).toEqual([200, []]);
  });

  it("exports only that cluster's entries", async () => {
    const { response } = await get(exportRoute.GET, `?cluster=second&topic=${shared}`);
    const lines = (await response.text())
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l) as AuditEntry);
    expect(lines.map((e) => [e.cluster, e.actor, e.action])).toEqual([["second", "carol", "message.redeliver"]]);
  });

  it("answers 400 for an empty cluster", async () => {
    for (const handler of [listRoute.GET, exportRoute.GET]) {
      const { status, body } = await get<{ error: { message: string } }>(handler, "?cluster=");
      expect(status).toBe(400);
      expect(body.error.message).toContain('"cluster"');
    }
  });
});

describe("GET /api/audit/export", () => {
  it("streams JSON Lines oldest first, one entry per line", async () => {
    const { response } = await get(exportRoute.GET, `?topic=${topic}`);
    expect(response.headers.get("content-disposition")).toMatch(/attachment; filename="redrive-audit-.*\.jsonl"/);
    const lines = (await response.text())
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l) as AuditEntry);
    expect(lines).toHaveLength(8);
    expect(lines[0]).toMatchObject({ seq: firstSeq.toString(), actor: "alice" });
    expect(lines[1]!.details).toEqual({ reason: 'poison, "really"\nsecond line' });
  });

  it("streams CSV with quoting, and defuses cells a spreadsheet would run", async () => {
    const { response } = await get(exportRoute.GET, `?topic=${topic}&format=csv&action=message.discard`);
    expect(response.headers.get("content-type")).toContain("text/csv");
    const text = await response.text();
    const [header, bob, attacker] = text.split("\r\n");
    expect(header).toBe("seq,at,actor,role,action,cluster,topic,partition,offset,target,details,hash");
    expect(bob).toContain(
      ',bob,operator,message.discard,default,audit-test.DLT,0,2,,"{""reason"":""poison, \\""really\\""\\nsecond line""}",',
    );
    expect(attacker).toContain(`,"'=cmd|' /C calc'!A0",`);
  });

  it("refuses an unknown format", async () => {
    expect((await get(exportRoute.GET, "?format=xml")).status).toBe(400);
  });
});

describe("GET /api/audit/verify", () => {
  it("is ok for an intact log and names the first entry rewritten with the trigger disabled", async () => {
    const intact = await get<{ ok: boolean; entries: number; head: string }>(verifyRoute.GET);
    expect(intact.body).toMatchObject({ ok: true });
    expect(intact.body.entries).toBeGreaterThanOrEqual(8);

    const store = await getStore();
    // The append-only trigger refuses the rewrite...
    await expect(store.db.execute(sql`update audit_log set actor = 'mallory' where seq = ${firstSeq + 1n}`)).rejects.toThrow();
    // ...so a tamperer with superuser rights turns it off first.
    await store.db.execute(sql`alter table audit_log disable trigger user`);
    await store.db.execute(sql`update audit_log set actor = 'mallory' where seq = ${firstSeq + 1n}`);
    await store.db.execute(sql`alter table audit_log enable trigger user`);

    const broken = await get<{ ok: boolean; firstBadSeq: string }>(verifyRoute.GET);
    expect(broken.body).toMatchObject({ ok: false, firstBadSeq: (firstSeq + 1n).toString() });
  });
});
