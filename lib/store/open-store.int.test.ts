// The store against real databases: embedded PGlite and PostgreSQL, migrated at open, shared schema.
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { eq, sql } from "drizzle-orm";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { storeBackends } from "@/test/store-backends";
import { openStore } from "./open-store";
import { StoreLockedError } from "./pglite-lock";
import { storeMeta } from "./schema";

const backends = await storeBackends();

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
