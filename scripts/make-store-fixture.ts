// `npm run db:fixture`: makes the fixture stores of this release in
// test/fixtures/stores/<version>/ — a PGlite data directory (pglite.tar.gz, PGlite's own dumpDataDir) and a PostgreSQL
// dump (postgres.sql, plain SQL from pg_dump) of the same data — plus fixture.json with what the data cannot say
// (the API token's secret, the audit chain's length). Run it once per release, before the next schema change, with
// that release's code, then add the version to FIXTURE_VERSIONS (test/store-fixture.ts): the upgrade test
// (lib/store/upgrade.int.test.ts) opens every fixture with the current code.
// PostgreSQL: a scratch database on TEST_DATABASE_URL's server (default the local one), dropped afterwards.
import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { sql } from "drizzle-orm";
import pg from "pg";
import { appendAudit } from "@/lib/audit/audit-log";
import { actorFor, systemActor } from "@/lib/auth/actor";
import { createAuth } from "@/lib/auth/auth";
import { bootstrapFirstAdmin } from "@/lib/auth/bootstrap";
import { createToken } from "@/lib/auth/tokens";
import { createUser } from "@/lib/auth/users";
import { dlqRow } from "@/lib/dlq/dlq-row";
import { storeDlqRows } from "@/lib/store/dlq-messages";
import { insertJob } from "@/lib/store/job-queries";
import { alertRule, groupLagSample } from "@/lib/store/monitoring-schema";
import { openStore, type Store } from "@/lib/store/open-store";
import { storeId } from "@/lib/store/store-meta";
import { recordHeaders } from "@/test/dlq-fixtures";
import {
  FIXTURE_ADMIN_PASSWORD,
  FIXTURE_CLUSTER,
  FIXTURE_MESSAGE,
  FIXTURE_TOKEN_NAME,
  FIXTURE_TOPIC,
  FIXTURE_USER,
  fixtureDir,
  PGLITE_TARBALL,
  POSTGRES_DUMP,
} from "@/test/store-fixture";

const version = (JSON.parse(readFileSync(join(process.cwd(), "package.json"), "utf8")) as { version: string }).version;
const adminUrl = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

/** What fixture.json records: the parts of the fixture the upgrade test cannot read from the data itself. */
export interface FixtureFacts {
  version: string;
  token: string;
  auditEntries: number;
}

const HOUR_MS = 3_600_000;

/** Every table that holds something people would miss: a handful of rows each, made through the code that makes them. */
async function seed(store: Store): Promise<FixtureFacts> {
  await storeId(store);
  await bootstrapFirstAdmin(store, FIXTURE_ADMIN_PASSWORD);
  await createUser(store, systemActor("fixture"), FIXTURE_USER);
  const { token } = await createToken(store, systemActor("fixture"), { name: FIXTURE_TOKEN_NAME, role: "viewer" });
  await signIn(store);

  const m = FIXTURE_MESSAGE;
  const first = dlqRow({
    cluster: FIXTURE_CLUSTER,
    topic: FIXTURE_TOPIC,
    partition: m.partition,
    offset: m.offset,
    timestampMs: m.timestampMs,
    key: m.key,
    value: m.value,
    headers: recordHeaders(m.headers),
  });
  const more = [1, 2, 3, 4].map((i) =>
    dlqRow({
      cluster: FIXTURE_CLUSTER,
      topic: FIXTURE_TOPIC,
      partition: i % 2,
      offset: BigInt(i),
      timestampMs: m.timestampMs + BigInt(i * 1_000),
      key: Buffer.from(`k-${i}`),
      value: Buffer.from(`{"n":${i}}`),
      headers: recordHeaders([
        ["kafka_dlt-exception-fqcn", i < 3 ? "com.example.OrderRejected" : "java.lang.NullPointerException"],
        ["kafka_dlt-original-topic", "orders"],
      ]),
    }),
  );
  await storeDlqRows(store, [first, ...more]);

  const operator = actorFor("user", "fixture", FIXTURE_USER.username, "operator", "127.0.0.1");
  await store.db.transaction(async (tx) => {
    const id = randomUUID();
    await insertJob(
      tx,
      {
        id,
        cluster: FIXTURE_CLUSTER,
        topic: FIXTURE_TOPIC,
        action: "discard",
        selector: { messages: 2 },
        reason: "fixture",
        actor: "olga",
      },
      { messages: [1n, 3n].map((offset) => ({ partition: 1, offset })) },
    );
    await appendAudit(tx, {
      ...operator.audit,
      action: "job.create",
      cluster: FIXTURE_CLUSTER,
      target: FIXTURE_TOPIC,
      details: { jobId: id },
    });
  });

  await store.db.transaction(async (tx) => {
    for (const [name, kind, target] of [
      ["orders piling up", "dlq_pending", FIXTURE_TOPIC],
      ["billing lag", "group_lag", "billing"],
    ] as const) {
      const id = randomUUID();
      await tx
        .insert(alertRule)
        .values({ id, name, kind, cluster: FIXTURE_CLUSTER, target, threshold: 100n, webhookUrl: "https://hooks.example.com/x" });
      await appendAudit(tx, { ...operator.audit, action: "alert.create", cluster: FIXTURE_CLUSTER, details: { id, name } });
    }
  });
  const slot = Math.floor(Number(m.timestampMs) / HOUR_MS) * HOUR_MS;
  await store.db
    .insert(groupLagSample)
    .values(
      [0, 1, 2, 3].map((i) => ({ cluster: FIXTURE_CLUSTER, groupId: "billing", at: new Date(slot + i * 60_000), lag: BigInt(10 * i) })),
    );

  const counted = (await store.db.execute(sql`select count(*)::integer as count from audit_log`)) as unknown as {
    rows: { count: number }[];
  };
  return { version, token, auditEntries: counted.rows[0]!.count };
}

/** A sign-in through better-auth, as the console does it: leaves a session row. */
async function signIn(store: Store): Promise<void> {
  const origin = "http://console.test";
  const auth = createAuth(store, { secret: "x".repeat(40), idleSeconds: 365 * 86_400, signInAttemptsPerMinute: 50, secureCookies: false });
  const response = await auth.handler(
    new Request(`${origin}/api/auth/sign-in/username`, {
      method: "POST",
      headers: { "content-type": "application/json", origin, host: "console.test" },
      body: JSON.stringify({ username: FIXTURE_USER.username, password: FIXTURE_USER.password }),
    }),
  );
  if (!response.ok) throw new Error(`The fixture user could not sign in: ${response.status} ${await response.text()}`);
}

async function makePglite(out: string): Promise<FixtureFacts> {
  const dataDir = mkdtempSync(join(tmpdir(), "redrive-fixture-"));
  try {
    const store = await openStore({ dataDir });
    const facts = await seed(store);
    await store.close();
    // The store does not hand out its PGlite client: open the closed directory bare to dump it.
    const client = await PGlite.create({ dataDir: join(dataDir, "pglite"), extensions: { pg_trgm } });
    const dump = await client.dumpDataDir("gzip");
    await client.close();
    writeFileSync(join(out, PGLITE_TARBALL), Buffer.from(await dump.arrayBuffer()));
    return facts;
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function makePostgres(out: string): Promise<FixtureFacts> {
  const database = `redrive_fixture_${randomUUID().slice(0, 8)}`;
  const url = new URL(adminUrl);
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${database}`);
  url.pathname = `/${database}`;
  try {
    const dataDir = mkdtempSync(join(tmpdir(), "redrive-unused-"));
    const store = await openStore({ databaseUrl: url.toString(), dataDir });
    const facts = await seed(store);
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
    // --inserts: plain SQL without COPY blocks, so the test restores it with one query and needs no psql.
    const dump = execFileSync("pg_dump", ["--inserts", "--no-owner", "--no-privileges", "--dbname", url.toString()], {
      maxBuffer: 64 * 1024 * 1024,
    });
    writeFileSync(join(out, POSTGRES_DUMP), dump);
    return facts;
  } finally {
    await admin.query(`drop database if exists ${database} with (force)`);
    await admin.end();
  }
}

async function main() {
  const out = fixtureDir(version);
  mkdirSync(out, { recursive: true });
  const pgliteFacts = await makePglite(out);
  const postgresFacts = await makePostgres(out);
  const facts = { pglite: pgliteFacts, postgres: postgresFacts };
  writeFileSync(join(out, "fixture.json"), JSON.stringify(facts, null, 2) + "\n");
  console.log(`Fixture stores of ${version} written to ${out}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
