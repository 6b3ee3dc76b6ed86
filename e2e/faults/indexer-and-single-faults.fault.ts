// Scenarios 5 and 6 of the fault suite, each on a console of its own (`next start` on a fresh PostgreSQL database):
// 5. the indexer reads 100,000 DLQ records while the leader of one of the DLQ's partitions is killed (-9) and later
//    restarted: every record is stored once, the indexer's group commits up to the log end, and it says "indexing";
// 6. 200 single redeliveries from 10 concurrent callers while the target partition's leader is killed and restarted:
//    every record lands once, is recorded once as redelivered, and the audit chain verifies.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { promisify } from "node:util";
import { expect, test, type APIRequestContext } from "@playwright/test";
import type { Admin, Kafka } from "kafkajs";
import { Client } from "pg";
import { ConsoleServer } from "../support/console-server";
import { ADMIN_PASSWORD } from "../support/accounts";
import { springDltRecord } from "../support/dlq-records";
import { KafkaCluster, type NodeId } from "../support/kafka-cluster";
import { KafkaSeed, uniqueName } from "../support/kafka-seed";
import { countRedeliveries, duplicates } from "./support/exactly-once";
import { recordResult } from "./support/results";

const cluster = new KafkaCluster();
const PG_ADMIN_URL = process.env.FAULT_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const CONSOLE_PORT = Number(process.env.FAULT_CONSOLE_PORT ?? 3400);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts a killed node again without blocking this process: KafkaCluster.restart runs the start script synchronously,
 * and an event loop stopped for the seconds a node takes to start would hold up the callers' requests with it (their
 * kept-alive connections time out on the console's side meanwhile, and the requests fail with a hang-up).
 */
async function restartNode(node: NodeId): Promise<void> {
  const env = {
    ...process.env,
    KAFKA_NODES: "3",
    KAFKA_PORT: String(cluster.port),
    KAFKA_HEAP: process.env.FAULT_KAFKA_HEAP ?? "384m",
    KAFKA_NODE: String(node),
  };
  await promisify(execFile)("bash", [join(__dirname, "..", "..", "scripts", "kafka", "start.sh")], { env, timeout: 150_000 });
  await cluster.waitForBrokers(3);
}

test.afterAll(async () => {
  await cluster.disconnect();
});

/** A PostgreSQL database of the scenario's own, dropped (with any connection the console left) when done. */
class ScratchDatabase {
  readonly name = `fault_c_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  private client?: Client;

  get url(): string {
    return PG_ADMIN_URL.replace(/\/[^/]*$/, `/${this.name}`);
  }

  async create(): Promise<void> {
    await withClient(PG_ADMIN_URL, (c) => c.query(`CREATE DATABASE ${this.name}`));
  }

  /**
   * The scenario's own queries, on a connection of its own. PostgreSQL is shared with other fault scenarios (one of
   * them restarts it): a query whose connection was cut is tried again on a new one, for up to 30 s.
   */
  async query<T extends object>(sql: string, params: unknown[] = []): Promise<T[]> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      try {
        if (!this.client) {
          const client = new Client({ connectionString: this.url });
          client.on("error", () => undefined);
          this.client = client;
          await client.connect();
        }
        return (await this.client.query(sql, params)).rows as T[];
      } catch (error) {
        await this.client?.end().catch(() => undefined);
        this.client = undefined;
        if (Date.now() > deadline) throw error;
        await sleep(500);
      }
    }
  }

  async drop(): Promise<void> {
    await this.client?.end().catch(() => undefined);
    await withClient(PG_ADMIN_URL, (c) => c.query(`DROP DATABASE IF EXISTS ${this.name} WITH (FORCE)`));
  }
}

async function withClient<T>(url: string, run: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** A console on every node of the cluster and `db`, indexing only `dlq`, into the consumer group `group`. */
function consoleFor(port: number, db: ScratchDatabase, dlq: string, group: string): ConsoleServer {
  return new ConsoleServer(port, {
    KAFKA_BROKERS: cluster.brokerList,
    DATABASE_URL: db.url,
    REDRIVE_ADMIN_PASSWORD: ADMIN_PASSWORD,
    REDRIVE_INDEXER_DISCOVERY_SECONDS: "1",
    REDRIVE_INDEXER_GROUP: group,
    REDRIVE_DLQ_PATTERN: `^${dlq.replace(/[.]/g, "\\.")}$`,
    REDRIVE_LAG_SAMPLER: "false",
    REDRIVE_ALERTS: "false",
    LOG_LEVEL: "info",
  });
}

async function connectedAdmin(kafka: Kafka): Promise<Admin> {
  const admin = kafka.admin();
  await admin.connect();
  return admin;
}

/** The group's committed offset per partition of `topic` (-1 where it has none). */
async function committed(admin: Admin, groupId: string, topic: string): Promise<Map<number, bigint>> {
  const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
  return new Map((offsets?.partitions ?? []).map((p) => [p.partition, BigInt(p.offset)]));
}

async function logEnds(admin: Admin, topic: string): Promise<Map<number, bigint>> {
  return new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, BigInt(p.high)]));
}

const total = (offsets: Map<number, bigint>) => [...offsets.values()].reduce((sum, o) => sum + (o > 0n ? o : 0n), 0n);

test("5: the leader of a DLQ partition killed while 100,000 records are indexed: each stored once, committed to the end", async ({
  playwright,
}) => {
  test.setTimeout(360_000);
  const RECORDS = 100_000;
  const PARTITIONS = 3;
  const seed = new KafkaSeed(cluster.brokers);
  const db = new ScratchDatabase();
  const dlq = `${uniqueName("fault-c-index")}.DLT`;
  const group = uniqueName("redrive-indexer-fault-c");
  const server = consoleFor(CONSOLE_PORT, db, dlq, group);
  const admin = await connectedAdmin(seed.kafka);
  const started = Date.now();
  try {
    await db.create();
    await seed.createTopic(dlq, PARTITIONS);

    await test.step("produce 100,000 small records in large batches (acks -1)", async () => {
      const producer = seed.kafka.producer({ allowAutoTopicCreation: false });
      await producer.connect();
      try {
        const BATCH = 5_000;
        const sends = [];
        for (let from = 0; from < RECORDS; from += BATCH) {
          const messages = Array.from({ length: BATCH }, (_, i) => ({ partition: (from + i) % PARTITIONS, value: `{"n":${from + i}}` }));
          sends.push(producer.send({ topic: dlq, acks: -1, messages }));
          if (sends.length === 4) await Promise.all(sends.splice(0));
        }
        await Promise.all(sends);
      } finally {
        await producer.disconnect();
      }
      expect(total(await logEnds(admin, dlq))).toBe(BigInt(RECORDS));
    });

    const stored = async () =>
      Number(
        (await db.query<{ n: string }>("SELECT count(*) AS n FROM dlq_message WHERE topic = $1", [dlq]).catch(() => [{ n: "0" }]))[0]!.n,
      );
    const indexingStarted = Date.now();
    await server.start();

    // The node that leads a DLQ partition and, if one of them does, the group's coordinator too: its loss then
    // breaks the reading, the commits and the group's membership at once.
    let victim: NodeId = await cluster.leaderOf(dlq, 0);
    let killedAt = 0;
    let recoverySeconds = 0;
    await test.step("kill -9 that leader once indexing is under way", async () => {
      await expect.poll(stored, { timeout: 120_000, intervals: [100] }).toBeGreaterThan(0);
      const coordinator = await cluster.coordinatorOf(group).catch(() => null);
      const leaders = await Promise.all(Array.from({ length: PARTITIONS }, (_, p) => cluster.leaderOf(dlq, p)));
      if (coordinator !== null && leaders.includes(coordinator)) victim = coordinator;
      const before = await stored();
      expect(before, "indexing finished before the fault: nothing to break").toBeLessThan(RECORDS);
      const committedBefore = total(await committed(admin, group, dlq));
      await cluster.kill(victim);
      killedAt = Date.now();
      test.info().annotations.push({
        type: "fault",
        description: `killed node ${victim} (leads ${leaders
          .map((l, p) => (l === victim ? p : null))
          .filter((p) => p !== null)
          .join(",")}; coordinator ${coordinator}) at ${before} rows stored, ${committedBefore} committed`,
      });
      // Progress again: the group commits past more records than before the kill (a commit is a store that got through).
      const progress = async () => {
        const [offsets, rowsNow] = await Promise.all([committed(admin, group, dlq).catch((error: Error) => error), stored()]);
        console.log(
          `${((Date.now() - killedAt) / 1000).toFixed(1)} s after the kill: ${rowsNow} stored, committed ${offsets instanceof Error ? offsets.message : [...offsets].join(" ")}`,
        );
        return offsets instanceof Error ? 0n : total(offsets);
      };
      await expect.poll(progress, { timeout: 120_000, intervals: [1_000] }).toBeGreaterThan(committedBefore);
      recoverySeconds = (Date.now() - killedAt) / 1000;
    });

    await test.step("restart the node", async () => {
      await restartNode(victim);
    });

    const api = await server.signedInApi(playwright);
    await test.step("every record is stored once, the group has committed to the log end, and the indexer says indexing", async () => {
      await expect.poll(stored, { timeout: 180_000, intervals: [500] }).toBeGreaterThanOrEqual(RECORDS);
      const ends = await logEnds(admin, dlq);
      await expect
        .poll(async () => [...(await committed(admin, group, dlq))].sort().map(String), { timeout: 60_000, intervals: [500] })
        .toEqual([...ends].sort().map(String));
      await expect
        .poll(async () => ((await (await api.get("/api/clusters/default/indexer")).json()) as { state: string }).state, {
          timeout: 60_000,
          intervals: [500],
        })
        .toBe("indexing");
    });
    const indexingSeconds = (Date.now() - indexingStarted) / 1000;

    const [rows] = await db.query<{ rows: string; distinct: string }>(
      'SELECT count(*) AS rows, count(DISTINCT (partition, "offset")) AS distinct FROM dlq_message WHERE topic = $1',
      [dlq],
    );
    const distinct = Number(rows!.distinct);
    const lost = RECORDS - distinct;
    const duplicated = Number(rows!.rows) - distinct;
    recordResult({
      id: "5",
      scenario: "Indexer: kill -9 of a DLQ partition's leader while 100,000 records are indexed",
      records: RECORDS,
      lost,
      duplicated,
      recoverySeconds,
      note: `indexed in ${indexingSeconds.toFixed(0)} s; scenario ${((Date.now() - started) / 1000).toFixed(0)} s`,
    });
    expect({ rows: Number(rows!.rows), distinct }).toEqual({ rows: RECORDS, distinct: RECORDS });
    await api.dispose();
  } finally {
    await server.stop();
    await admin.disconnect().catch(() => undefined);
    await cluster.healAll();
    await seed.cleanup().catch(() => undefined);
    await db.drop();
  }
});

/** What one caller saw: how each of its calls answered. */
type Answers = Map<string, number>;

/**
 * Redelivers one record the way a script would: a 503 (Kafka unavailable) is tried again after a pause; a 409 while
 * an earlier send is being checked waits for the check, then tries again if the record is still pending. Done when
 * the call succeeds or the record is redelivered.
 */
async function redeliverOne(api: APIRequestContext, dlq: string, offset: number, answers: Answers, deadline: number): Promise<void> {
  const path = `/api/clusters/default/dlqs/${dlq}/messages/0/${offset}`;
  const count = (key: string) => answers.set(key, (answers.get(key) ?? 0) + 1);
  for (;;) {
    if (Date.now() > deadline) throw new Error(`offset ${offset} was not redelivered in time (${JSON.stringify([...answers])})`);
    const response = await api.post(`${path}/redeliver`, { data: {}, timeout: 60_000 });
    const status = response.status();
    if (status === 200) return void count("200");
    const body = (await response.json().catch(() => ({}))) as { error?: { code?: string; message?: string } };
    const code = body.error?.code ?? "?";
    count(`${status} ${code}`);
    if (status === 503 && code === "kafka_unavailable") {
      await sleep(500);
      continue;
    }
    if (status !== 409) throw new Error(`offset ${offset}: ${status} ${code}: ${body.error?.message ?? ""}`);
    // Redelivered meanwhile (an earlier send's check found it), or still being checked: look before trying again.
    for (;;) {
      const message = (await (await api.get(path)).json()) as { status?: string };
      if (message.status === "redelivered") return;
      if (message.status !== "pending") throw new Error(`offset ${offset} is ${message.status}`);
      const again = await api.post(`${path}/redeliver`, { data: {}, timeout: 60_000 });
      if (again.status() !== 409) {
        // Not being checked any more: answer this call as the loop above would.
        if (again.status() === 200) return void count("200");
        const b = (await again.json().catch(() => ({}))) as { error?: { code?: string; message?: string } };
        count(`${again.status()} ${b.error?.code ?? "?"}`);
        if (again.status() === 503 && b.error?.code === "kafka_unavailable") break;
        throw new Error(`offset ${offset}: ${again.status()} ${b.error?.code}: ${b.error?.message ?? ""}`);
      }
      count("409 waiting");
      if (Date.now() > deadline) throw new Error(`offset ${offset} still checking at the deadline`);
      await sleep(1_000);
    }
    await sleep(500);
  }
}

test("6: 200 single redeliveries from 10 callers while the target partition's leader is killed and restarted", async ({ playwright }) => {
  test.setTimeout(300_000);
  const RECORDS = 200;
  const CALLERS = 10;
  const seed = new KafkaSeed(cluster.brokers);
  const db = new ScratchDatabase();
  const target = uniqueName("fault-c-orders");
  const dlq = `${target}.DLT`;
  const server = consoleFor(CONSOLE_PORT + 1, db, dlq, uniqueName("redrive-indexer-fault-c"));
  const started = Date.now();
  try {
    await db.create();
    await seed.createTopic(target, 1);
    await seed.createTopic(dlq, 1);
    await seed.produceMany(
      dlq,
      Array.from({ length: RECORDS }, (_, i) =>
        springDltRecord({
          originalTopic: target,
          exceptionClass: "com.shop.OrderRejected",
          message: `Order ${i} rejected`,
          key: `order-${i}`,
          value: `{"orderId":${i}}`,
        }),
      ),
    );
    await server.start();
    const api = await server.signedInApi(playwright);
    await expect
      .poll(async () => ((await (await api.get(`/api/clusters/default/dlqs/${dlq}`)).json()) as { total?: string }).total, {
        timeout: 120_000,
        intervals: [500],
      })
      .toBe(String(RECORDS));

    const answers: Answers = new Map();
    let done = 0;
    const deadline = Date.now() + 180_000;
    const callers = Array.from({ length: CALLERS }, async (_, c) => {
      for (let i = 0; i < RECORDS / CALLERS; i++) {
        await redeliverOne(api, dlq, c + i * CALLERS, answers, deadline);
        done++;
      }
    });
    const all = Promise.all(callers);
    // A caller that fails ends the waiting below at once: `await all` then says why.
    let callerFailed = false;
    all.catch(() => (callerFailed = true));

    const leader = await cluster.leaderOf(target, 0);
    await expect.poll(() => done >= 40 || callerFailed, { timeout: 120_000, intervals: [50] }).toBe(true);
    const doneAtKill = done;
    await cluster.kill(leader);
    const killedAt = Date.now();
    // Recovered: a redelivery answered 200 after the kill (the callers wait out the rest).
    const okAtKill = answers.get("200") ?? 0;
    await expect
      .poll(() => (answers.get("200") ?? 0) > okAtKill + CALLERS || done === RECORDS || callerFailed, {
        timeout: 120_000,
        intervals: [100],
      })
      .toBe(true);
    const recoverySeconds = (Date.now() - killedAt) / 1000;
    await restartNode(leader);
    await all.finally(() => console.log(`answers: ${[...answers].map(([k, n]) => `${k}: ${n}`).join(", ")}`));

    const count = await countRedeliveries(
      seed.kafka,
      [target],
      Array.from({ length: RECORDS }, (_, o) => `${dlq}/0/${o}`),
    );
    const statuses = await db.query<{ status: string; n: string }>(
      "SELECT status, count(*) AS n FROM dlq_message WHERE topic = $1 GROUP BY status",
      [dlq],
    );
    const audits = await db.query<{ offset: string; n: string }>(
      'SELECT "offset", count(*) AS n FROM audit_log WHERE topic = $1 AND action = \'message.redeliver\' GROUP BY "offset"',
      [dlq],
    );
    const inFlight = await db.query<{ n: string }>("SELECT count(*) AS n FROM redelivery_in_flight");
    const verify = (await (await api.get("/api/audit/verify")).json()) as { ok: boolean };
    const duplicated = duplicates(count);
    recordResult({
      id: "6",
      scenario: "200 single redeliveries from 10 callers, kill -9 of the target partition's leader and restart",
      records: RECORDS,
      lost: count.lost.length,
      duplicated,
      recoverySeconds,
      note: `${doneAtKill} done at the kill; answers ${[...answers].map(([k, n]) => `${k}: ${n}`).join(", ")}; scenario ${((Date.now() - started) / 1000).toFixed(0)} s`,
    });
    expect({ lost: count.lost, duplicated, unexpected: count.unexpected }).toEqual({ lost: [], duplicated: 0, unexpected: [] });
    expect(Object.fromEntries(statuses.map((s) => [s.status, Number(s.n)]))).toEqual({ redelivered: RECORDS });
    expect(audits.filter((a) => Number(a.n) !== 1)).toEqual([]);
    expect(audits).toHaveLength(RECORDS);
    expect(Number(inFlight[0]!.n)).toBe(0);
    expect(verify.ok).toBe(true);
    await api.dispose();
  } finally {
    await server.stop();
    await cluster.healAll();
    await seed.cleanup().catch(() => undefined);
    await db.drop();
  }
});
