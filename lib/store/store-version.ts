// Which releases a store has seen. Migrations only run forward: a store that a newer release has migrated past this
// one's migrations is refused (downgrade protection) before anything touches it, and every start records its release.
import { sql } from "drizzle-orm";
import { readMigrationFiles } from "drizzle-orm/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { APP_VERSION } from "@/lib/version";
import { storeRelease } from "./schema";

type AnyDatabase = PgDatabase<PgQueryResultHKT, Record<string, unknown>>;

export class StoreTooNewError extends Error {
  constructor(unknownMigrations: number, newestRelease: string | null) {
    super(
      `The store was migrated by a newer Redrive release${newestRelease ? ` (${newestRelease})` : ""} than this one (${APP_VERSION}): ` +
        `it has ${unknownMigrations} migration(s) this release does not know. Migrations only run forward, so this release ` +
        `cannot use it: run ${newestRelease ?? "that release"} or newer, or restore a backup taken before the upgrade.`,
    );
    this.name = "StoreTooNewError";
  }
}

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

async function tableExists(db: AnyDatabase, name: string): Promise<boolean> {
  const [row] = rowsOf<{ found: boolean }>(await db.execute(sql`select to_regclass(${name}) is not null as found`));
  return Boolean(row?.found);
}

/**
 * Throws StoreTooNewError when the store's migration journal holds a migration that is not in `migrationsFolder`.
 * Drizzle's migrator would skip past such a store silently (it compares only the newest timestamp) and this release
 * would then read and write tables shaped for another.
 */
export async function assertStoreNotNewer(db: AnyDatabase, migrationsFolder: string): Promise<void> {
  if (!(await tableExists(db, "drizzle.__drizzle_migrations"))) return;
  const known = new Set(readMigrationFiles({ migrationsFolder }).map((m) => String(m.folderMillis)));
  const applied = rowsOf<{ created_at: string | number | null }>(
    await db.execute(sql`select created_at from drizzle.__drizzle_migrations`),
  );
  const unknown = applied.filter((row) => !known.has(String(row.created_at)));
  if (unknown.length === 0) return;
  throw new StoreTooNewError(unknown.length, await newestRelease(db));
}

/** The release that started the store last, when the store says (a newer release may have reshaped the table). */
async function newestRelease(db: AnyDatabase): Promise<string | null> {
  try {
    if (!(await tableExists(db, "public.store_release"))) return null;
    const [row] = rowsOf<{ version: string }>(
      await db.execute(sql`select version from store_release order by last_started_at desc limit 1`),
    );
    return row?.version ?? null;
  } catch {
    return null;
  }
}

/** Records that this release opened the store (once migrated). */
export async function recordRelease(db: AnyDatabase, version = APP_VERSION): Promise<void> {
  await db
    .insert(storeRelease)
    .values({ version })
    .onConflictDoUpdate({ target: storeRelease.version, set: { lastStartedAt: sql`now()` } });
}
