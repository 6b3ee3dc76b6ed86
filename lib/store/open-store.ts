// Opens the store: PostgreSQL when a URL is given, otherwise embedded PGlite in a data directory. Either way
// the migrations run forward before the store is handed out (refusing a store a newer release migrated, see
// store-version.ts), one instance at a time, and the same Drizzle schema and SQL dialect apply.
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { PGlite, type Transaction as PgliteTransaction } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { sql } from "drizzle-orm";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { log } from "@/lib/log";
import { lockDataDir } from "./pglite-lock";
import * as auditSchema from "./audit-schema";
import * as authSchema from "./auth-schema";
import * as dlqSchema from "./dlq-schema";
import * as jobSchema from "./job-schema";
import * as monitoringSchema from "./monitoring-schema";
import * as metaSchema from "./schema";
import { assertStoreNotNewer, recordRelease } from "./store-version";

const schema = { ...metaSchema, ...authSchema, ...auditSchema, ...dlqSchema, ...jobSchema, ...monitoringSchema };

export type StoreDatabase = PgDatabase<PgQueryResultHKT, typeof schema>;

/** The handle a store transaction's callback gets. */
export type StoreTx = Parameters<Parameters<StoreDatabase["transaction"]>[0]>[0];

export interface Store {
  kind: "pglite" | "postgres";
  db: StoreDatabase;
  /** Each statement's time limit (PostgreSQL's statement_timeout), or null for none. */
  statementTimeoutMs: number | null;
  ping(): Promise<void>;
  close(): Promise<void>;
  /**
   * Runs `copy … from stdin` with `payload` as its data, inside the transaction (bulk loading; see
   * copy-binary.ts). Drizzle has no COPY, so this reaches for the transaction's own driver connection.
   */
  copyIn(tx: StoreTx, statement: string, payload: Buffer): Promise<void>;
}

/** The driver connection under a Drizzle transaction (Drizzle keeps it as `session.client`). */
const driverClient = <T>(tx: StoreTx) => (tx as unknown as { session: { client: T } }).session.client;

export interface StoreOptions {
  databaseUrl?: string;
  dataDir: string;
  migrationsFolder?: string;
  /**
   * statement_timeout for every connection: request-path reads get it; migrations, the indexer's batches and bulk job
   * batches lift it (liftStatementTimeout). Absent or 0: none (the CLI's maintenance commands run as long as they need).
   */
  statementTimeoutMs?: number;
}

// Several instances may start at once against one PostgreSQL; they take turns migrating.
const MIGRATION_LOCK_ID = 0x7265_6472;

const defaultMigrationsFolder = () => join(process.cwd(), "lib", "store", "migrations");

export async function openStore(options: StoreOptions): Promise<Store> {
  const { databaseUrl, dataDir, migrationsFolder = defaultMigrationsFolder(), statementTimeoutMs } = options;
  return databaseUrl ? openPostgres(databaseUrl, migrationsFolder, statementTimeoutMs || null) : openPglite(dataDir, migrationsFolder);
}

async function openPostgres(databaseUrl: string, migrationsFolder: string, statementTimeoutMs: number | null): Promise<Store> {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: 10,
    connectionTimeoutMillis: 5_000,
    // Sent with each new connection: every query the pool runs is under it unless its transaction lifts it.
    ...(statementTimeoutMs ? { statement_timeout: statementTimeoutMs } : {}),
  });
  // A connection that loses its server (PostgreSQL restarted, the backend terminated) emits 'error' when no query is
  // running on it: the pool listens on idle ones, but nobody on one checked out by a transaction that is awaiting
  // something else (Kafka, most often), and an unheard 'error' crashes the process. The transaction's next query fails
  // on its own ("not queryable"), and the pool drops the connection when it comes back.
  const lost = (error: Error) => log.warn({ err: error.message }, "a PostgreSQL connection was lost; the pool opens a new one");
  pool.on("error", lost);
  pool.on("connect", (client) => client.on("error", lost));
  try {
    const client = await pool.connect();
    try {
      // Waiting for another instance's migrations, and a migration that rewrites a large table, take what they take.
      await client.query("set statement_timeout = 0");
      await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_ID]);
      const lockedDb = drizzlePg(client, { schema });
      await assertStoreNotNewer(lockedDb, migrationsFolder);
      await migratePg(lockedDb, { migrationsFolder });
      await recordRelease(lockedDb);
    } finally {
      await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_ID]).catch(() => undefined);
      // Back to the connection's own timeout before the pool hands it to anyone else.
      await client.query("reset statement_timeout").catch(() => undefined);
      client.release();
    }
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
  const db = drizzlePg(pool, { schema }) as unknown as StoreDatabase;
  return {
    kind: "postgres",
    db,
    statementTimeoutMs,
    ping: async () => void (await db.execute(sql`select 1`)),
    close: () => pool.end(),
    copyIn: (tx, statement, payload) => pipeline(Readable.from([payload]), driverClient<pg.PoolClient>(tx).query(copyFrom(statement))),
  };
}

async function openPglite(dataDir: string, migrationsFolder: string): Promise<Store> {
  const release = lockDataDir(dataDir);
  try {
    const client = await PGlite.create({ dataDir: join(dataDir, "pglite"), extensions: { pg_trgm } });
    const pgliteDb = drizzlePglite(client, { schema });
    // The data directory's lock file (above) already makes this process the only one migrating.
    try {
      await assertStoreNotNewer(pgliteDb, migrationsFolder);
      await migratePglite(pgliteDb, { migrationsFolder });
      await recordRelease(pgliteDb);
    } catch (error) {
      await client.close().catch(() => undefined);
      throw error;
    }
    // No statement timeout here: PGlite takes the setting but cannot act on it (it runs in this thread, with no timer
    // to interrupt a statement: pg_sleep(2) under a 300 ms timeout runs 2 s), and one process has no lock to wait on.
    const db = pgliteDb as unknown as StoreDatabase;
    return {
      kind: "pglite",
      db,
      statementTimeoutMs: null,
      ping: async () => void (await db.execute(sql`select 1`)),
      // PGlite reads COPY data from a blob it serves as /dev/blob.
      copyIn: async (tx, statement, payload) =>
        void (await driverClient<PgliteTransaction>(tx).query(statement.replace(/from stdin/i, "from '/dev/blob'"), [], {
          blob: new Blob([new Uint8Array(payload.buffer as ArrayBuffer, payload.byteOffset, payload.length)]),
        })),
      close: async () => {
        await client.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}
