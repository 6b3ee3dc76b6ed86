// Rejected sign-ins against the real store (PGlite and PostgreSQL): each (username, address, minute) adds its first
// entry at once and one summary when the minute closes, however many attempts it saw, and the chain still verifies.
import { asc } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditLog } from "@/lib/audit/audit-log";
import { auditLog } from "@/lib/store/audit-schema";
import { openStore, type Store } from "@/lib/store/open-store";
import { storeBackends, type TestBackend } from "@/test/store-backends";
import { RejectedSignIns } from "./rejected-sign-ins";

const backends = await storeBackends();
const MINUTE = 60_000;

describe.each(backends)("rejected sign-ins on $name", (backend: TestBackend) => {
  let target: Awaited<ReturnType<TestBackend["create"]>>;
  let store: Store;

  beforeAll(async () => {
    target = await backend.create();
    store = await openStore(target);
  });
  afterAll(async () => {
    await store.close();
    await target.dispose();
  });

  it("adds a first entry at once and one summary per key when its minute closes", async () => {
    let now = Date.UTC(2026, 11, 7, 12, 0, 5);
    const rejected = new RejectedSignIns(store, () => now);
    const attempt = (username: string, address: string, status = 401) =>
      rejected.record({ username, address, status, action: status === 429 ? "auth.sign_in_rate_limited" : "auth.sign_in_failed" });

    for (let i = 0; i < 500; i++) await attempt("admin", "192.0.2.66", i < 3 ? 401 : 429);
    await attempt("alice", "192.0.2.7");
    expect((await store.db.select().from(auditLog)).map((e) => [e.actor, e.action, e.source])).toEqual([
      ["admin", "auth.sign_in_failed", "192.0.2.66"],
      ["alice", "auth.sign_in_failed", "192.0.2.7"],
    ]);

    now += MINUTE;
    for (let i = 0; i < 500; i++) await attempt("admin", "192.0.2.66", 429);
    // The first minute has closed: its summary goes in; the second minute's stays open.
    await rejected.flush();
    now += MINUTE;
    await rejected.flush();

    const entries = await store.db.select().from(auditLog).orderBy(asc(auditLog.seq));
    expect(entries.map((e) => [e.actor, e.action, e.details])).toEqual([
      ["admin", "auth.sign_in_failed", { status: 401 }],
      ["alice", "auth.sign_in_failed", { status: 401 }],
      ["admin", "auth.sign_in_rate_limited", { status: 429 }],
      ["admin", "auth.sign_in_rejected", { minute: "2026-12-07T12:00:00.000Z", attempts: 500, byStatus: { 401: 3, 429: 497 } }],
      ["admin", "auth.sign_in_rejected", { minute: "2026-12-07T12:01:00.000Z", attempts: 500, byStatus: { 429: 500 } }],
    ]);
    expect(await verifyAuditLog(store)).toMatchObject({ ok: true, entries: 5 });
  });
});
