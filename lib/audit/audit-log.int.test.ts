// The audit log against real databases: a hash chain that verifies, a trigger that refuses rewrites, and
// a verify that names the first row someone altered behind the trigger's back.
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openTestStore, storeBackends } from "@/test/store-backends";
import { auditLog } from "@/lib/store/audit-schema";
import { appendAuditBatch, prepareAuditBatch, recordAudit, verifyAuditLog } from "./audit-log";

const backends = await storeBackends();

describe.each(backends)("the audit log on $name", (backend) => {
  it("chains entries, refuses UPDATE/DELETE/TRUNCATE, and names the first tampered sequence", async () => {
    const { store, dispose } = await openTestStore(backend);
    try {
      for (const action of ["auth.sign_in", "user.create", "token.create"]) {
        await recordAudit(store, { actor: "admin", role: "admin", action, details: { note: action }, source: "127.0.0.1" });
      }
      const verified = await verifyAuditLog(store);
      expect(verified).toMatchObject({ ok: true, entries: 3 });

      // Drizzle wraps the database error; the trigger's message is its cause.
      const refused = { cause: { message: expect.stringMatching(/audit_log is append-only/) } };
      await expect(store.db.execute(sql`update audit_log set actor = 'mallory' where seq = 2`)).rejects.toMatchObject(refused);
      await expect(store.db.execute(sql`delete from audit_log where seq = 3`)).rejects.toMatchObject(refused);
      await expect(store.db.execute(sql`truncate audit_log`)).rejects.toMatchObject(refused);

      await store.db.execute(sql`alter table audit_log disable trigger audit_log_no_update_or_delete`);
      await store.db.execute(sql`update audit_log set details = '{"note":"rewritten"}' where seq = 2`);
      await store.db.execute(sql`alter table audit_log enable trigger audit_log_no_update_or_delete`);
      expect(await verifyAuditLog(store)).toEqual({ ok: false, firstBadSeq: "2", entries: 3 });
    } finally {
      await dispose();
    }
  });

  it("stores a batch appended in one statement exactly as given, chained as if appended one by one", async () => {
    const { store, dispose } = await openTestStore(backend);
    try {
      await recordAudit(store, { actor: "admin", role: "admin", action: "auth.sign_in" });
      const entries = [
        {
          actor: "alice",
          role: "operator",
          action: "message.redeliver",
          cluster: "default",
          topic: "orders.DLT",
          partition: 2,
          offset: 2n ** 62n + 1n,
          target: { topic: "orders", partition: 0, offset: "9007199254740993" },
          details: { jobId: "j", note: 'a "quoted" note\nwith ü', "10": 1, "9": 2 },
          source: "10.0.0.1",
        },
        {
          actor: "alice",
          action: "message.redeliver_failed",
          cluster: "default",
          topic: "orders.DLT",
          partition: 0,
          offset: 0n,
          target: null,
          details: { error: "too large" },
        },
        { actor: "system", action: "job.complete" },
      ];
      await store.db.transaction((tx) => appendAuditBatch(store, tx, entries));
      await recordAudit(store, { actor: "admin", action: "auth.sign_out" });
      expect(await verifyAuditLog(store)).toMatchObject({ ok: true, entries: 5 });
      const rows = await store.db.select().from(auditLog).orderBy(auditLog.seq);
      expect(rows.map((r) => r.seq)).toEqual([1n, 2n, 3n, 4n, 5n]);
      expect(rows[1]).toMatchObject({ ...entries[0], prevHash: rows[0]!.hash });
      expect(rows[2]).toMatchObject({ ...entries[1], role: null, source: null, target: null, prevHash: rows[1]!.hash });
      expect(rows[3]).toMatchObject({
        actor: "system",
        action: "job.complete",
        cluster: null,
        topic: null,
        partition: null,
        offset: null,
        target: null,
        details: {},
      });
      expect(rows[1]!.at.getTime()).toBe(rows[3]!.at.getTime());
    } finally {
      await dispose();
    }
  });

  it("keeps the chain whole whether the head a batch was hashed on ahead still holds, moved, or was rolled back", async () => {
    const { store, dispose } = await openTestStore(backend);
    const batch = (n: number, tag: string) =>
      Array.from({ length: n }, (_, i) => ({ actor: "job", action: "message.redeliver", details: { tag, i } }));
    try {
      await store.db.transaction((tx) => appendAuditBatch(store, tx, batch(3, "first")));
      // Hashed on the head the first batch left, and appended on it.
      const held = prepareAuditBatch(store, batch(2, "held"));
      await store.db.transaction((tx) => appendAuditBatch(store, tx, held));
      // Someone else appends between the hashing and the batch's turn at the lock.
      const moved = prepareAuditBatch(store, batch(2, "moved"));
      await recordAudit(store, { actor: "admin", action: "auth.sign_in" });
      await store.db.transaction((tx) => appendAuditBatch(store, tx, moved));
      // A batch whose transaction rolls back leaves a head that never was.
      await expect(
        store.db.transaction(async (tx) => {
          await appendAuditBatch(store, tx, prepareAuditBatch(store, batch(2, "rolled back")));
          throw new Error("the batch's state change failed");
        }),
      ).rejects.toThrow("state change failed");
      const after = prepareAuditBatch(store, batch(2, "after"));
      await store.db.transaction((tx) => appendAuditBatch(store, tx, after));
      expect(await verifyAuditLog(store)).toMatchObject({ ok: true, entries: 10 });
      const rows = await store.db.select().from(auditLog).orderBy(auditLog.seq);
      expect(rows.map((r) => `${r.seq}:${(r.details as { tag?: string }).tag ?? r.action}`)).toEqual([
        "1:first",
        "2:first",
        "3:first",
        "4:held",
        "5:held",
        "6:auth.sign_in",
        "7:moved",
        "8:moved",
        "9:after",
        "10:after",
      ]);
    } finally {
      await dispose();
    }
  });
});
