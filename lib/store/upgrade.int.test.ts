// Upgrades: every fixture store a previous release made (test/fixtures/stores/<version>/, scripts/make-store-fixture.ts)
// is opened with this code — PGlite from its data directory tarball, PostgreSQL from its pg_dump — migrated forward,
// and read back: every row, a message's bytes and headers byte for byte, the audit chain, a sign-in and a token.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { and, eq, sql } from "drizzle-orm";
import { readMigrationFiles } from "drizzle-orm/migrator";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditLog } from "@/lib/audit/audit-log";
import { createAuth } from "@/lib/auth/auth";
import { actorForToken } from "@/lib/auth/tokens";
import { APP_VERSION } from "@/lib/version";
import { storeBackends, type TestBackend } from "@/test/store-backends";
import {
  FIXTURE_MESSAGE,
  FIXTURE_ROW_COUNTS,
  FIXTURE_TOKEN_NAME,
  FIXTURE_TOPIC,
  FIXTURE_USER,
  FIXTURE_VERSIONS,
  fixtureDir,
  PGLITE_TARBALL,
  POSTGRES_DUMP,
} from "@/test/store-fixture";
import { dlqMessage } from "./dlq-schema";
import { openStore, type Store } from "./open-store";
import { storeRelease } from "./schema";

const backends = await storeBackends();
const migrationsFolder = join(process.cwd(), "lib", "store", "migrations");
const knownMigrations = readMigrationFiles({ migrationsFolder }).length;

interface FixtureFacts {
  token: string;
  auditEntries: number;
}

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;
const journalLength = "select count(*)::integer as n from drizzle.__drizzle_migrations";

/** Puts the fixture into the fresh database `target` points at; answers how many migrations it had applied. */
async function loadFixture(backend: TestBackend["name"], version: string, target: { databaseUrl?: string; dataDir: string }) {
  if (backend === "pglite") {
    const tarball = readFileSync(join(fixtureDir(version), PGLITE_TARBALL));
    const client = await PGlite.create({
      dataDir: join(target.dataDir, "pglite"),
      extensions: { pg_trgm },
      loadDataDir: new Blob([tarball]),
    });
    const [row] = (await client.query<{ n: number }>(journalLength)).rows;
    await client.close();
    return row!.n;
  }
  // psql's meta-commands (\restrict, \unrestrict) are not SQL; the rest runs as one simple query.
  const dump = readFileSync(join(fixtureDir(version), POSTGRES_DUMP), "utf8")
    .split("\n")
    .filter((line) => !line.startsWith("\\"))
    .join("\n");
  const client = new pg.Client({ connectionString: target.databaseUrl });
  await client.connect();
  try {
    await client.query(dump);
    return rowsOf<{ n: number }>(await client.query(journalLength))[0]!.n;
  } finally {
    await client.end();
  }
}

describe.each(
  FIXTURE_VERSIONS.flatMap((version) => backends.map((backend) => ({ version, backend: backend.name, create: backend.create }))),
)("a $backend store made by $version", ({ version, backend, create }) => {
  let target: Awaited<ReturnType<TestBackend["create"]>>;
  let store: Store;
  let appliedBefore: number;
  const facts = (JSON.parse(readFileSync(join(fixtureDir(version), "fixture.json"), "utf8")) as Record<string, FixtureFacts>)[backend]!;

  beforeAll(async () => {
    target = await create();
    appliedBefore = await loadFixture(backend, version, target);
    store = await openStore(target);
  });
  afterAll(async () => {
    await store?.close();
    await target?.dispose();
  });

  it("is migrated forward to this release", async () => {
    expect(appliedBefore).toBeLessThanOrEqual(knownMigrations);
    // The oldest fixture predates at least one migration, or these tests would prove nothing about migrating. (The
    // current release's own fixture, once made, catches up with the next schema change.)
    if (version === FIXTURE_VERSIONS[0]) expect(appliedBefore).toBeLessThan(knownMigrations);
    expect(rowsOf<{ n: number }>(await store.db.execute(sql.raw(journalLength)))[0]!.n).toBe(knownMigrations);
    expect((await store.db.select().from(storeRelease)).map((r) => r.version)).toEqual([APP_VERSION]);
  });

  it("keeps every row", async () => {
    for (const [table, count] of Object.entries(FIXTURE_ROW_COUNTS)) {
      const [row] = rowsOf<{ n: number }>(await store.db.execute(sql`select count(*)::integer as n from ${sql.identifier(table)}`));
      expect({ table, count: row!.n }).toEqual({ table, count });
    }
  });

  it("keeps a message's bytes and headers byte for byte", async () => {
    const m = FIXTURE_MESSAGE;
    const [row] = await store.db
      .select()
      .from(dlqMessage)
      .where(and(eq(dlqMessage.topic, FIXTURE_TOPIC), eq(dlqMessage.partition, m.partition), eq(dlqMessage.offset, m.offset)));
    expect(row!.key!.equals(m.key)).toBe(true);
    expect(row!.value!.equals(m.value)).toBe(true);
    expect(row!.timestamp.getTime()).toBe(Number(m.timestampMs));
    expect(row!.headers.map((h) => [h.key, h.value === null ? null : Buffer.from(h.value, "base64")])).toEqual(m.headers);
    expect(row!.exceptionClass).toBe("com.example.OrderRejected");
  });

  it("keeps an audit chain that verifies", async () => {
    expect(await verifyAuditLog(store)).toMatchObject({ ok: true, entries: facts.auditEntries });
  });

  it("lets the user sign in and the token authenticate", async () => {
    const origin = "http://console.test";
    const auth = createAuth(store, { secret: "y".repeat(40), idleSeconds: 3600, signInAttemptsPerMinute: 50, secureCookies: false });
    const response = await auth.handler(
      new Request(`${origin}/api/auth/sign-in/username`, {
        method: "POST",
        headers: { "content-type": "application/json", origin, host: "console.test" },
        body: JSON.stringify({ username: FIXTURE_USER.username, password: FIXTURE_USER.password }),
      }),
    );
    expect(response.status).toBe(200);
    expect(await actorForToken(store, facts.token, null)).toMatchObject({ kind: "token", name: FIXTURE_TOKEN_NAME, role: "viewer" });
  });
});
