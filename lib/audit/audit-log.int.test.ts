// The audit log against real databases: a hash chain that verifies, a trigger that refuses rewrites, and
// a verify that names the first row someone altered behind the trigger's back.
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openStore } from "@/lib/store/open-store";
import { storeBackends } from "@/test/store-backends";
import { recordAudit, verifyAuditLog } from "./audit-log";

const backends = await storeBackends();

describe.each(backends)("the audit log on $name", (backend) => {
  it("chains entries, refuses UPDATE/DELETE/TRUNCATE, and names the first tampered sequence", async () => {
    const target = await backend.create();
    const store = await openStore(target);
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
      await store.close();
      await target.dispose();
    }
  });
});
