// The stores integration tests run against: always PGlite, and PostgreSQL when one answers at
// TEST_DATABASE_URL (default: the local test database). CI sets REDRIVE_REQUIRE_POSTGRES=1 so that a missing
// PostgreSQL fails the run instead of quietly testing less.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { openStore, type Store } from "@/lib/store/open-store";

export const ADMIN_DATABASE_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

export interface TestBackend {
  name: "pglite" | "postgres";
  /** Options for openStore pointing at a fresh, empty database. */
  create(): Promise<{ databaseUrl?: string; dataDir: string; dispose(): Promise<void> }>;
}

async function postgresAnswers(): Promise<boolean> {
  const client = new pg.Client({ connectionString: ADMIN_DATABASE_URL, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query("select 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const pglite: TestBackend = {
  name: "pglite",
  async create() {
    const dataDir = mkdtempSync(join(tmpdir(), "redrive-store-"));
    return { dataDir, dispose: async () => rmSync(dataDir, { recursive: true, force: true }) };
  },
};

const postgres: TestBackend = {
  name: "postgres",
  async create() {
    const database = `redrive_test_${randomBytes(6).toString("hex")}`;
    const admin = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
    await admin.connect();
    await admin.query(`create database ${database}`);
    await admin.end();
    const url = new URL(ADMIN_DATABASE_URL);
    url.pathname = `/${database}`;
    const dataDir = mkdtempSync(join(tmpdir(), "redrive-unused-"));
    return {
      databaseUrl: url.toString(),
      dataDir,
      async dispose() {
        rmSync(dataDir, { recursive: true, force: true });
        const client = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
        await client.connect();
        await client.query(`drop database if exists ${database} with (force)`);
        await client.end();
      },
    };
  },
};

export async function storeBackends(): Promise<TestBackend[]> {
  if (await postgresAnswers()) return [pglite, postgres];
  if (process.env.REDRIVE_REQUIRE_POSTGRES === "1") {
    throw new Error(`PostgreSQL does not answer at ${ADMIN_DATABASE_URL}, and REDRIVE_REQUIRE_POSTGRES=1`);
  }
  console.warn(`PostgreSQL does not answer at ${ADMIN_DATABASE_URL}: store tests run against PGlite only.`);
  return [pglite];
}

/** A store on a fresh database of the backend; dispose closes it and drops the database. */
export async function openTestStore(backend: TestBackend): Promise<{ store: Store; dispose(): Promise<void> }> {
  const created = await backend.create();
  const store = await openStore(created);
  return {
    store,
    async dispose() {
      await store.close();
      await created.dispose();
    },
  };
}
