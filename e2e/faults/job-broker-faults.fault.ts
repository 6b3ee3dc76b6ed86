// A bulk redelivery job on the three-node cluster while the leader of one of its target's partitions dies (kill -9)
// or stops answering (SIGSTOP for 30 s): the job must carry on by itself and land every DLQ record in the target
// exactly once, with one message.redeliver audit entry per record and an intact audit chain. The console is a real
// `next start` on a PostgreSQL database of the suite's own.
import { expect, test, type APIRequestContext } from "@playwright/test";
import pg from "pg";
import { ADMIN_PASSWORD, E2E_DLQ_PATTERN } from "../support/accounts";
import { ConsoleServer } from "../support/console-server";
import { KafkaCluster, type NodeId } from "../support/kafka-cluster";
import { KafkaSeed, uniqueName } from "../support/kafka-seed";
import { countRedeliveries, duplicates } from "./support/exactly-once";
import { createDatabase, dropDatabase } from "./support/postgres";
import { recordResult } from "./support/results";
import { seedSpringDlq } from "./support/spring-dlq";

const RECORDS = 20_000;
const PARTITIONS = 3;
/** 8 s of sending when nothing goes wrong: long enough to break a broker in the middle, short enough for the suite. */
const RATE = 2_500;
/** The pace's batch (a fifth of a second's worth): a batch sent before the fault may still be recorded after it. */
const BATCH = RATE / 5;
/** The fault strikes once this many are done: about two seconds into the job. */
const FAULT_AFTER = 5_000;
const PAUSE_MS = 30_000;
const CONSOLE_PORT = 3200;

const database = createDatabase("fault_a_");
const databaseUrl = database.url;

const cluster = new KafkaCluster();
const seed = new KafkaSeed(cluster.brokers);
const server = new ConsoleServer(CONSOLE_PORT, {
  KAFKA_BROKERS: cluster.brokerList,
  DATABASE_URL: databaseUrl,
  REDRIVE_ADMIN_PASSWORD: ADMIN_PASSWORD,
  REDRIVE_INDEXER_DISCOVERY_SECONDS: "1",
  REDRIVE_DLQ_PATTERN: E2E_DLQ_PATTERN,
  LOG_LEVEL: "info",
});

interface JobView {
  state: string;
  total: number;
  done: number;
  failed: number;
  skipped: number;
  lastError: string | null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function adminQuery<T extends pg.QueryResultRow>(url: string, sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end().catch(() => undefined);
  }
}

test.describe.configure({ mode: "serial", timeout: 300_000 });

let api: APIRequestContext;

test.beforeAll(async ({ playwright }) => {
  await server.start();
  api = await server.signedInApi(playwright);
});

test.afterAll(async () => {
  await cluster.healAll().catch((error: unknown) => console.error(`could not heal the cluster: ${(error as Error).message}`));
  await api?.dispose();
  await server.stop();
  try {
    dropDatabase(database.name);
  } catch (error) {
    console.error(`could not drop ${database.name}: ${(error as Error).message}`);
  }
  await seed.cleanup().catch(() => undefined);
  await cluster.disconnect();
});

/** A DLQ of RECORDS Spring DLT records for a fresh target, indexed by the console; answers every record's source. */
async function indexedDlq(prefix: string): Promise<{ target: string; dlq: string; sources: string[] }> {
  const target = uniqueName(prefix);
  const { dlq, sources } = await seedSpringDlq(seed, target, RECORDS, PARTITIONS);
  const offsets = await (await seed.connectedAdmin()).fetchTopicOffsets(dlq);
  expect(offsets.reduce((sum, { low, high }) => sum + Number(high) - Number(low), 0)).toBe(RECORDS);
  const total = async () => ((await (await api.get(`/api/clusters/default/dlqs/${dlq}`)).json()) as { total?: string }).total;
  await expect.poll(total, { timeout: 120_000, intervals: [500] }).toBe(String(RECORDS));
  return { target, dlq, sources };
}

async function startJob(dlq: string): Promise<string> {
  const created = await api.post(`/api/clusters/default/dlqs/${dlq}/jobs`, {
    data: { action: "redeliver", filter: {}, ratePerSecond: RATE },
  });
  expect(created.status()).toBe(202);
  const { jobId, total } = (await created.json()) as { jobId: string; total: number };
  expect(total).toBe(RECORDS);
  return jobId;
}

/** The job as the API shows it; null while the console cannot answer (its database restarting, say). */
async function jobOf(jobId: string): Promise<JobView | null> {
  const response = await api.get(`/api/jobs/${jobId}`);
  return response.ok() ? ((await response.json()) as JobView) : null;
}

async function waitForDone(jobId: string, atLeast: number, timeoutMs: number): Promise<JobView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await jobOf(jobId);
    if (job && (job.done >= atLeast || job.state === "completed")) return job;
    if (Date.now() > deadline)
      throw new Error(
        `job ${jobId} did only ${job?.done} of ${atLeast} within ${timeoutMs / 1000} s (state ${job?.state}, last error ${job?.lastError})`,
      );
    await sleep(200);
  }
}

/**
 * Seconds from `faultAt` until the job is past what it had done at the fault plus the two batches that may have been
 * in flight then (sent before the fault, recorded after it): the first progress that needed Kafka after the fault.
 */
async function recoverySeconds(jobId: string, doneAtFault: number, faultAt: number, timeoutMs: number): Promise<number> {
  await waitForDone(jobId, Math.min(RECORDS, doneAtFault + 2 * BATCH + 1), timeoutMs);
  return (Date.now() - faultAt) / 1000;
}

/** The checks every scenario ends with; answers the lost and duplicated counts for the results table. */
async function checkExactlyOnce(jobId: string, target: string, sources: string[]): Promise<{ lost: number; duplicated: number }> {
  const job = await waitForDone(jobId, RECORDS, 30_000);
  expect(job, `job ${jobId}`).toMatchObject({ state: "completed", total: RECORDS, done: RECORDS, failed: 0, skipped: 0 });

  const count = await countRedeliveries(seed.kafka, [target], sources);
  const duplicated = duplicates(count);
  expect.soft(count.lost.slice(0, 10), `${count.lost.length} records lost`).toEqual([]);
  expect.soft(duplicated, `duplicated: ${[...count.duplicated].slice(0, 10).join(", ")}`).toBe(0);
  expect.soft(count.unexpected.slice(0, 10), "records in the target that no DLQ record explains").toEqual([]);
  expect.soft(count.read).toBe(RECORDS);

  const verify = (await (await api.get("/api/audit/verify")).json()) as { ok: boolean };
  expect.soft(verify.ok, "audit chain").toBe(true);
  const [audit] = await adminQuery<{ entries: string; records: string }>(
    databaseUrl,
    `select count(*) as entries, count(distinct (partition, "offset")) as records from audit_log where action = 'message.redeliver' and details->>'jobId' = $1`,
    [jobId],
  );
  expect.soft(audit, "one message.redeliver entry per record").toEqual({ entries: String(RECORDS), records: String(RECORDS) });
  return { lost: count.lost.length, duplicated };
}

test("kill -9 of a target partition's leader in the middle of a 20,000-record redelivery job", async () => {
  const { target, dlq, sources } = await indexedDlq("e2e-fault-kill-orders");
  const jobId = await startJob(dlq);
  const before = await waitForDone(jobId, FAULT_AFTER, 120_000);
  expect(before.state, "the job is still going when the broker dies").not.toBe("completed");
  let victim: NodeId | undefined;
  try {
    victim = await cluster.leaderOf(target, 0);
    const doneAtFault = (await waitForDone(jobId, FAULT_AFTER, 10_000)).done;
    const faultAt = Date.now();
    await cluster.kill(victim);
    const recovered = await recoverySeconds(jobId, doneAtFault, faultAt, 150_000);
    await waitForDone(jobId, RECORDS, 150_000);
    await cluster.restart(victim);
    const { lost, duplicated } = await checkExactlyOnce(jobId, target, sources);
    recordResult({
      id: "1",
      scenario: "kill -9 of a target partition's leader mid-job (bulk redelivery)",
      records: RECORDS,
      lost,
      duplicated,
      recoverySeconds: recovered,
      note: `node ${victim} of 3, job at ${doneAtFault.toLocaleString("en")}`,
    });
  } finally {
    await cluster.healAll();
  }
});

test("SIGSTOP of a target partition's leader for 30 s in the middle of a 20,000-record redelivery job", async () => {
  const { target, dlq, sources } = await indexedDlq("e2e-fault-pause-orders");
  const jobId = await startJob(dlq);
  const before = await waitForDone(jobId, FAULT_AFTER, 120_000);
  expect(before.state, "the job is still going when the broker stops").not.toBe("completed");
  let victim: NodeId | undefined;
  try {
    victim = await cluster.leaderOf(target, 0);
    const doneAtFault = (await waitForDone(jobId, FAULT_AFTER, 10_000)).done;
    const faultAt = Date.now();
    cluster.pause(victim);
    // The job carries on while the node is stopped, or once it answers again: whichever comes first.
    const resumed = sleep(PAUSE_MS)
      .then(() => cluster.resume(victim!))
      .catch(() => undefined);
    const recovered = await recoverySeconds(jobId, doneAtFault, faultAt, 150_000);
    await resumed;
    await waitForDone(jobId, RECORDS, 150_000);
    await cluster.waitForFullIsr([target, dlq]);
    const { lost, duplicated } = await checkExactlyOnce(jobId, target, sources);
    recordResult({
      id: "2",
      scenario: "SIGSTOP of a target partition's leader for 30 s mid-job (bulk redelivery)",
      records: RECORDS,
      lost,
      duplicated,
      recoverySeconds: recovered,
      note: `node ${victim} of 3, job at ${doneAtFault.toLocaleString("en")}`,
    });
    // Its partitions have other leaders long before it answers again, so ideally the job carries on while it is still
    // stopped (28.9 s and 29.0 s in two runs). In others (42.0 s, 42.1 s) reconciliation's first look waited on a request
    // to the stopped node (kafkajs holds it until its timeout or the node answers) and then looked again 10 s later for
    // sends a stalled broker may still land (316 of 1,000 did land in one run). What is asserted is that the job carries
    // on promptly once the node answers, exactly once; not waiting for a stopped node at all is open work (issue notes).
    expect(recovered, "seconds until the job carried on").toBeLessThan(PAUSE_MS / 1000 + 30);
  } finally {
    await cluster.healAll();
  }
});
