// The store against real databases: embedded PGlite and PostgreSQL, migrated at open, shared schema.
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq, sql } from "drizzle-orm";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { storeBackends } from "@/test/store-backends";
import { openStore } from "./open-store";
import { StoreLockedError } from "./pglite-lock";
import { APP_VERSION } from "@/lib/version";
import { storeMeta, storeRelease } from "./schema";
import { StoreTooNewError } from "./store-version";

const backends = await storeBackends();

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

/** A copy of the migrations with one more, as the next release would ship them. */
function migrationsOfANewerRelease(): { folder: string; dispose(): void } {
  const folder = mkdtempSync(join(tmpdir(), "redrive-migrations-"));
  cpSync(join(process.cwd(), "lib", "store", "migrations"), folder, { recursive: true });
  const journalFile = join(folder, "meta", "_journal.json");
  const journal = JSON.parse(readFileSync(journalFile, "utf8")) as { entries: { idx: number; when: number; tag: string }[] };
  const last = journal.entries.at(-1)!;
  const next = { ...last, idx: last.idx + 1, when: last.when + 1_000, tag: "9999_from_the_future" };
  journal.entries.push(next);
  writeFileSync(journalFile, JSON.stringify(journal));
  writeFileSync(join(folder, `${next.tag}.sql`), 'CREATE TABLE "from_the_future" ("id" integer);');
  return { folder, dispose: () => rmSync(folder, { recursive: true, force: true }) };
}

describe.each(backends)("openStore on $name", (backend) => {
  it("migrates an empty database and keeps data across reopening", async () => {
    const target = await backend.create();
    try {
      const first = await openStore(target);
      expect(first.kind).toBe(backend.name);
      await first.ping();
      await first.db.insert(storeMeta).values({ key: "probe", value: "kept" });
      await first.close();

      // Opening again re-runs the migrator, which must find nothing to do and leave the data alone.
      const second = await openStore(target);
      const rows = await second.db.select().from(storeMeta).where(eq(storeMeta.key, "probe"));
      expect(rows.map((r) => r.value)).toEqual(["kept"]);
      await second.close();
    } finally {
      await target.dispose();
    }
  });
});

describe.each(backends)("migrations on $name", (backend) => {
  it("records the release that opened the store, once per release", async () => {
    const target = await backend.create();
    try {
      await (await openStore(target)).close();
      const store = await openStore(target);
      const releases = await store.db.select().from(storeRelease);
      expect(releases.map((r) => r.version)).toEqual([APP_VERSION]);
      expect(releases[0]!.lastStartedAt.getTime()).toBeGreaterThan(releases[0]!.firstStartedAt.getTime());
      await store.close();
    } finally {
      await target.dispose();
    }
  });

  it("refuses a store a newer release migrated, naming that release, and leaves it alone", async () => {
    const target = await backend.create();
    const newer = migrationsOfANewerRelease();
    try {
      const byNewer = await openStore({ ...target, migrationsFolder: newer.folder });
      await byNewer.db.update(storeRelease).set({ version: "9.9.9" });
      await byNewer.close();

      const refused = await openStore(target).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(StoreTooNewError);
      expect((refused as Error).message).toContain("newer Redrive release (9.9.9)");
      expect((refused as Error).message).toContain(`than this one (${APP_VERSION})`);
      const refusedBy = new Date();

      // The newer release still opens it (recording itself, which here is this code), and the refusal recorded nothing.
      const again = await openStore({ ...target, migrationsFolder: newer.folder });
      const releases = await again.db.select().from(storeRelease);
      expect(releases.map((r) => r.version).sort()).toEqual([APP_VERSION, "9.9.9"]);
      expect(releases.find((r) => r.version === APP_VERSION)!.firstStartedAt.getTime()).toBeGreaterThanOrEqual(refusedBy.getTime() - 5);
      await again.close();
    } finally {
      newer.dispose();
      await target.dispose();
    }
  });
});

describe.runIf(backends.some((b) => b.name === "postgres"))("instances starting together on one fresh PostgreSQL", () => {
  it("migrate one at a time: every one starts, the schema is whole and each migration is applied once", async () => {
    const target = await backends.find((b) => b.name === "postgres")!.create();
    try {
      const stores = await Promise.all([openStore(target), openStore(target), openStore(target)]);
      const [store] = stores;
      const journal = rowsOf<{ created_at: string; n: number }>(
        await store!.db.execute(sql`select created_at, count(*)::integer as n from drizzle.__drizzle_migrations group by created_at`),
      );
      const known = (
        JSON.parse(readFileSync(join(process.cwd(), "lib", "store", "migrations", "meta", "_journal.json"), "utf8")) as {
          entries: { when: number }[];
        }
      ).entries.map((e) => String(e.when));
      expect(journal.map((r) => r.created_at).sort()).toEqual([...known].sort());
      expect(journal.every((r) => r.n === 1)).toBe(true);
      // The last migration's table is there, and every instance can use the store.
      await store!.db.insert(storeMeta).values({ key: "probe", value: "whole" });
      for (const s of stores) expect(await s.db.select().from(storeMeta).where(eq(storeMeta.key, "probe"))).toHaveLength(1);
      expect((await store!.db.select().from(storeRelease)).map((r) => r.version)).toEqual([APP_VERSION]);
      await Promise.all(stores.map((s) => s.close()));
    } finally {
      await target.dispose();
    }
  });
});

describe("the PGlite data directory lock", () => {
  it("refuses a directory another live process holds, naming it, and takes over a stale lock", async () => {
    const pglite = backends.find((b) => b.name === "pglite")!;
    const target = await pglite.create();
    const holder = spawn("sleep", ["30"]);
    try {
      writeFileSync(join(target.dataDir, "redrive.lock"), String(holder.pid));
      const refused = await openStore(target).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(StoreLockedError);
      expect((refused as Error).message).toContain(`pid ${holder.pid}`);

      holder.kill("SIGKILL");
      await new Promise((resolve) => holder.once("exit", resolve));
      const store = await openStore(target);
      await store.ping();
      await store.close();
    } finally {
      holder.kill("SIGKILL");
      await target.dispose();
    }
  });
});

describe.runIf(backends.some((b) => b.name === "postgres"))("a PostgreSQL connection lost in the middle of a transaction", () => {
  it("fails that transaction, not the process, and the store carries on with a new connection", async () => {
    const target = await backends.find((b) => b.name === "postgres")!.create();
    const store = await openStore(target);
    const admin = new pg.Client({ connectionString: target.databaseUrl });
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown) => void uncaught.push(error);
    process.prependListener("uncaughtException", onUncaught);
    try {
      await admin.connect();
      let backendPid = 0;
      const transaction = store.db.transaction(async (tx) => {
        backendPid = Number(
          ((await tx.execute(sql`select pg_backend_pid() as pid`)) as unknown as { rows: { pid: number }[] }).rows[0]!.pid,
        );
        // What a job's transaction does while it waits for Kafka: holds its connection with no query running.
        await new Promise((resolve) => setTimeout(resolve, 1_500));
        await tx.execute(sql`select 1`);
      });
      transaction.catch(() => undefined);
      await expect.poll(() => backendPid, { timeout: 5_000 }).toBeGreaterThan(0);
      // What a PostgreSQL restart does to every connection: FATAL 57P01, "terminating connection due to administrator command".
      await admin.query("select pg_terminate_backend($1)", [backendPid]);
      await expect(transaction).rejects.toThrow();
      expect(uncaught).toEqual([]);
      await store.ping();
    } finally {
      process.removeListener("uncaughtException", onUncaught);
      await admin.end().catch(() => undefined);
      await store.close();
      await target.dispose();
    }
  });
});
