// A bulk redelivery job when the console or its store goes away mid-job, on the three-node cluster: the console is
// killed with SIGKILL while a broker is down (3), PostgreSQL is restarted under a running job (4a), and a console on
// the embedded store is killed and started again on its data directory (4b). Each time the job must carry on by
// itself and land every DLQ record in the target exactly once, with one audit entry per record and a log that verifies.
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { ADMIN_PASSWORD } from "../support/accounts";
import { ConsoleServer } from "../support/console-server";
import { springDltRecord } from "../support/dlq-records";
import { KafkaCluster } from "../support/kafka-cluster";
import { KafkaSeed, uniqueName } from "../support/kafka-seed";
import { countRedeliveries, duplicates } from "./support/exactly-once";
import { createDatabase, dropDatabase, ensurePostgresUp, restartPostgres } from "./support/postgres";
import { recordResult } from "./support/results";
import { seedSpringDlq } from "./support/spring-dlq";

const RECORDS = 5_000;
const PARTITIONS = 3;
/** Slow enough that each fault lands in the middle of the job, quick enough that it finishes in seconds. */
const RATE = 1_000;
const CONSOLE_PORT = Number(process.env.FAULT_CONSOLE_PORT ?? 3300);

const cluster = new KafkaCluster();
const seed = new KafkaSeed(cluster.brokers);

// Bounded, with room for a machine busy with other work: each scenario takes about a minute on an idle one.
test.describe.configure({ timeout: 300_000 });

test.afterAll(async () => {
  await ensurePostgresUp();
  await cluster.healAll();
  await seed.cleanup().catch(() => undefined);
  await cluster.disconnect();
});

interface Job {
  state: string;
  total: number;
  done: number;
  failed: number;
  skipped: number;
  lastError: string | null;
}

/** A DLQ of RECORDS Spring DLT records over three partitions, all failed out of `target`, and its target topic. */
function seedDlq(prefix: string): Promise<{ target: string; dlq: string; sources: string[] }> {
  return test.step(`seed a DLQ of ${RECORDS} records`, () => produceDlq(prefix));
}

async function produceDlq(prefix: string): Promise<{ target: string; dlq: string; sources: string[] }> {
  const target = uniqueName(prefix);
  return { target, ...(await seedSpringDlq(seed, target, RECORDS, PARTITIONS)) };
}

/** A console on the cluster (every node in KAFKA_BROKERS) that indexes only `dlq`, on the store `storeEnv` names. */
function consoleFor(port: number, dlq: string, storeEnv: { DATABASE_URL: string } | { REDRIVE_DATA_DIR: string }): ConsoleServer {
  return new ConsoleServer(port, {
    KAFKA_BROKERS: cluster.brokerList,
    REDRIVE_ADMIN_PASSWORD: ADMIN_PASSWORD,
    REDRIVE_INDEXER_DISCOVERY_SECONDS: "1",
    REDRIVE_DLQ_PATTERN: `^${dlq.replace(/[.]/g, "\\.")}$`,
    LOG_LEVEL: "info",
    ...storeEnv,
  });
}

/**
 * Reads until `until` holds. A read that fails (the console restarting, its store reconnecting) is read again: the
 * scenarios cause exactly those failures, and what counts is that the answer comes back.
 */
async function poll<T>(read: () => Promise<T>, until: (value: T) => boolean, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  let lastError: unknown;
  for (;;) {
    try {
      last = await read();
      if (until(last)) return last;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline)
      throw new Error(`${what}: still ${JSON.stringify(last)}${lastError ? ` (last error: ${(lastError as Error).message})` : ""}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function getJson<T>(api: APIRequestContext, path: string): Promise<T> {
  const response = await api.get(path, { timeout: 15_000 });
  if (!response.ok()) throw new Error(`GET ${path}: ${response.status()} ${await response.text()}`);
  return (await response.json()) as T;
}

const jobOf = (api: APIRequestContext, jobId: string) => getJson<Job>(api, `/api/jobs/${jobId}`);

/** Starts the console, signs in and waits until it has indexed the whole DLQ. */
function startIndexed(
  server: ConsoleServer,
  playwright: Parameters<ConsoleServer["signedInApi"]>[0],
  dlq: string,
): Promise<APIRequestContext> {
  return test.step("start the console; it indexes the DLQ", async () => {
    await server.start();
    const api = await server.signedInApi(playwright);
    await poll(
      () => getJson<{ total?: string }>(api, `/api/clusters/default/dlqs/${dlq}`),
      (s) => s.total === String(RECORDS),
      120_000,
      "indexing",
    );
    return api;
  });
}

async function startJob(api: APIRequestContext, dlq: string): Promise<string> {
  const created = await api.post(`/api/clusters/default/dlqs/${dlq}/jobs`, {
    data: { action: "redeliver", filter: {}, ratePerSecond: RATE },
  });
  expect(created.status()).toBe(202);
  const { jobId, total } = (await created.json()) as { jobId: string; total: number };
  expect(total).toBe(RECORDS);
  return jobId;
}

/**
 * Seconds from `since` (the fault) until the job progresses again. It is measured from the first answer after the
 * fault, which a batch recorded just before the fault may already show: at worst that adds one batch to the time.
 */
async function secondsUntilProgress(api: APIRequestContext, jobId: string, since: number): Promise<number> {
  const baseline = await poll(
    () => jobOf(api, jobId),
    () => true,
    120_000,
    "the job after the fault",
  );
  expect(baseline.done).toBeLessThan(RECORDS);
  await poll(
    () => jobOf(api, jobId),
    (j) => j.done > baseline.done,
    120_000,
    "the job to progress again",
  );
  return (Date.now() - since) / 1000;
}

/**
 * The job completed with every record done; the target holds each DLQ record once (by source and by action id); the
 * DLQ shows every record redelivered; the audit log has one redeliver entry per record, all this job's, and verifies.
 */
function checkExactlyOnce(
  api: APIRequestContext,
  jobId: string,
  dlq: string,
  target: string,
  sources: string[],
): Promise<{ lost: number; duplicated: number }> {
  return test.step("every record reached the target once, and the job, the DLQ and the audit log agree", () =>
    countAndCheck(api, jobId, dlq, target, sources));
}

async function countAndCheck(api: APIRequestContext, jobId: string, dlq: string, target: string, sources: string[]) {
  const finished = await poll(
    () => jobOf(api, jobId),
    (j) => j.state === "completed",
    120_000,
    "job completion",
  );
  expect({ done: finished.done, failed: finished.failed, skipped: finished.skipped, total: finished.total }).toEqual({
    done: RECORDS,
    failed: 0,
    skipped: 0,
    total: RECORDS,
  });

  const count = await countRedeliveries(seed.kafka, [target], sources);
  const lost = count.lost.length;
  const duplicated = duplicates(count);
  expect({ lost, duplicated, unexpected: count.unexpected.length, read: count.read }).toEqual({
    lost: 0,
    duplicated: 0,
    unexpected: 0,
    read: RECORDS,
  });

  expect(await getJson(api, `/api/clusters/default/dlqs/${dlq}`)).toMatchObject({
    total: String(RECORDS),
    pending: "0",
    redelivered: String(RECORDS),
  });
  const exported = await api.get(`/api/audit/export?format=jsonl&action=message.redeliver&topic=${encodeURIComponent(dlq)}`, {
    timeout: 60_000,
  });
  expect(exported.status()).toBe(200);
  const entries = (await exported.text())
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as { partition: number; offset: string; details: { jobId: string } });
  expect(entries).toHaveLength(RECORDS);
  expect(entries.every((e) => e.details.jobId === jobId)).toBe(true);
  expect(new Set(entries.map((e) => `${dlq}/${e.partition}/${e.offset}`))).toEqual(new Set(sources));
  expect(await getJson(api, "/api/audit/verify")).toMatchObject({ ok: true });
  return { lost, duplicated };
}

/** The console's indexer works after the fault as well: DLQ records that arrive now are indexed. */
function checkIndexerCarriesOn(api: APIRequestContext, dlq: string): Promise<void> {
  return test.step("records that reach the DLQ after the fault are indexed", async () => {
    const late = Array.from({ length: 30 }, (_, i) =>
      springDltRecord({
        originalTopic: "orders",
        exceptionClass: "com.shop.Late",
        message: `late ${i}`,
        value: `${i}`,
        partition: i % PARTITIONS,
      }),
    );
    await seed.produceMany(dlq, late);
    const total = String(RECORDS + late.length);
    await poll(
      () => getJson<{ total?: string }>(api, `/api/clusters/default/dlqs/${dlq}`),
      (s) => s.total === total,
      60_000,
      "indexing the late records",
    );
  });
}

/** Stops a console (SIGTERM, or SIGKILL when it does not go within 15 s). */
async function stopConsole(server: ConsoleServer): Promise<void> {
  const stopped = await Promise.race([server.stop().then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 15_000))]);
  if (!stopped) await server.kill();
}

test("3: kill -9 of the console mid-job while a broker is down; a new console on the same PostgreSQL finishes the job", async ({
  playwright,
}) => {
  const { target, dlq, sources } = await seedDlq("fault-console-kill");
  const database = createDatabase("fault_b_");
  const server = consoleFor(CONSOLE_PORT, dlq, { DATABASE_URL: database.url });
  try {
    let api = await startIndexed(server, playwright, dlq);
    const jobId = await startJob(api, dlq);

    // The node to kill leads a target partition; node 1 when it leads one, as the first broker a new client tries.
    const leaders = await Promise.all([0, 1, 2].map((p) => cluster.leaderOf(target, p)));
    const leader = leaders.includes(1) ? 1 : leaders[0]!;
    let killedAt = 0;
    await test.step(`kill -9 node ${leader} (leader of ${target}/${leaders.indexOf(leader)}) mid-job, then kill -9 the console while the node is down`, async () => {
      await poll(
        () => jobOf(api, jobId),
        (j) => j.done >= 1_000,
        60_000,
        "job progress",
      );
      const atNodeKill = await jobOf(api, jobId);
      await cluster.kill(leader);
      // The console goes while its job deals with the loss: waiting for Kafka, or just past it with records in flight.
      const dealt = await poll(
        () => jobOf(api, jobId),
        (j) => j.state === "waiting" || j.done > atNodeKill.done,
        60_000,
        "the job to notice the node is gone",
      );
      expect(dealt.done).toBeLessThan(RECORDS);
      killedAt = Date.now();
      await server.kill();
    });

    let recovery = 0;
    await test.step("a new console on the same database, the node still down, picks the job up and completes it", async () => {
      expect(cluster.pid(leader)).toBeNull();
      await server.start();
      api = await server.signedInApi(playwright);
      recovery = await secondsUntilProgress(api, jobId, killedAt);
      await poll(
        () => jobOf(api, jobId),
        (j) => j.state === "completed",
        120_000,
        "job completion with the node down",
      );
    });

    await test.step("the node comes back", async () => {
      await cluster.restart(leader);
      await cluster.waitForFullIsr([target, dlq]);
    });

    const { lost, duplicated } = await checkExactlyOnce(api, jobId, dlq, target, sources);
    await checkIndexerCarriesOn(api, dlq);
    recordResult({
      id: "3",
      scenario: "kill -9 of the console mid-job, a broker down",
      records: RECORDS,
      lost,
      duplicated,
      recoverySeconds: recovery,
      note: "PostgreSQL store; a new console takes the job over once the dead one's lease runs out",
    });
  } finally {
    await stopConsole(server);
    await cluster.healAll();
    dropDatabase(database.name);
  }
});

test("4a: PostgreSQL restarts mid-job; the console's pool reconnects and the job completes", async ({ playwright }) => {
  const { target, dlq, sources } = await seedDlq("fault-pg-restart");
  const database = createDatabase("fault_b_");
  const server = consoleFor(CONSOLE_PORT + 1, dlq, { DATABASE_URL: database.url });
  try {
    const api = await startIndexed(server, playwright, dlq);
    const jobId = await startJob(api, dlq);

    let restartedAt = 0;
    await test.step("restart PostgreSQL in the middle of the job", async () => {
      await poll(
        () => jobOf(api, jobId),
        (j) => j.done >= 1_500,
        60_000,
        "job progress",
      );
      restartedAt = Date.now();
      await restartPostgres();
    });

    const recovery = await test.step("the same console carries on by itself", () => secondsUntilProgress(api, jobId, restartedAt));
    const { lost, duplicated } = await checkExactlyOnce(api, jobId, dlq, target, sources);
    await checkIndexerCarriesOn(api, dlq);
    recordResult({
      id: "4a",
      scenario: "PostgreSQL restart mid-job",
      records: RECORDS,
      lost,
      duplicated,
      recoverySeconds: recovery,
      note: "the same console; its pool reconnects",
    });
  } finally {
    await ensurePostgresUp();
    await stopConsole(server);
    await cluster.healAll();
    dropDatabase(database.name);
  }
});

test("4b: kill -9 of a console on the embedded store mid-job; started again on its data directory, it finishes the job", async ({
  playwright,
}) => {
  const dataDir = join(tmpdir(), uniqueName("fault-b-pglite"));
  const { target, dlq, sources } = await seedDlq("fault-pglite-kill");
  const server = consoleFor(CONSOLE_PORT + 2, dlq, { REDRIVE_DATA_DIR: dataDir });
  try {
    let api = await startIndexed(server, playwright, dlq);
    const jobId = await startJob(api, dlq);

    let killedAt = 0;
    await test.step("kill -9 the console in the middle of the job", async () => {
      await poll(
        () => jobOf(api, jobId),
        (j) => j.done >= 1_500,
        60_000,
        "job progress",
      );
      killedAt = Date.now();
      await server.kill();
    });

    let recovery = 0;
    await test.step("started again on the same data directory, the console finishes the job", async () => {
      await server.start();
      api = await server.signedInApi(playwright);
      recovery = await secondsUntilProgress(api, jobId, killedAt);
    });

    const { lost, duplicated } = await checkExactlyOnce(api, jobId, dlq, target, sources);
    await checkIndexerCarriesOn(api, dlq);
    recordResult({
      id: "4b",
      scenario: "kill -9 of a console on the embedded store (PGlite) mid-job",
      records: RECORDS,
      lost,
      duplicated,
      recoverySeconds: recovery,
      note: "started again on the same data directory",
    });
  } finally {
    await stopConsole(server);
    await cluster.healAll();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
