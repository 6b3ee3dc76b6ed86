// The store against real databases: embedded PGlite and PostgreSQL, migrated at open, shared schema.
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { eq } from "drizzle-orm";
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
