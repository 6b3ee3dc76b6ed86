// SIGTERM, for real: a console (production build, embedded store, real broker) running a slow bulk job, indexing a
// burst of new DLQ records and answering a request whose body is still arriving gets SIGTERM. It stops taking
// connections, answers the request in flight, and exits 0 within 25 s; the job's lease is given back at a batch
// boundary (the next start reconciles nothing and finishes it: every record reaches the target exactly once), the
// indexer's committed offsets equal what it stored, and the embedded store's lock is gone.
import { existsSync, readFileSync, rmSync } from "node:fs";
import { get, request as httpRequest } from "node:http";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { consolePort } from "./support/accounts";
import { ConsoleServer } from "./support/console-server";
import { springDltRecord } from "./support/dlq-records";
import { KafkaSeed, uniqueName } from "./support/kafka-seed";
import { readRedeliveries } from "./support/read-redeliveries";

const RECORDS = 3_000;
/** DLQ records produced just before SIGTERM, so the indexer is storing when it comes. */
const BURST = 10_000;
const seed = new KafkaSeed();
const target = uniqueName("e2e-shutdown-orders");
const dlq = `${target}.DLT`;
const indexerGroup = uniqueName("e2e-shutdown-indexer");
const dataDir = join(process.env.REDRIVE_E2E_DATA_DIR ?? "e2e/.data", `shutdown-${target}`);
// E2E_PORT + 40: past the consoles (+0..+3), the specs' own (+12..+14) and the metrics listener (+30).
const server = ConsoleServer.onBrokers(consolePort(0) + 40, process.env.KAFKA_BROKERS ?? "127.0.0.1:9092", dataDir, undefined, {
  REDRIVE_INDEXER_GROUP: indexerGroup,
});
/** The same console without its indexer: what it shows is what the first one stored. */
const restarted = server.withEnv({ REDRIVE_INDEXER: "false" });

test.describe.configure({ timeout: 300_000 });

const dltRecords = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) =>
    springDltRecord({
      originalTopic: target,
      exceptionClass: "com.shop.OrderNotFound",
      message: `Order ${from + i} not found`,
      key: `order-${from + i}`,
      value: JSON.stringify({ orderId: from + i }),
      partition: (from + i) % 2,
    }),
  );

test.beforeAll(async () => {
  await seed.createTopic(target, 3);
  await seed.createTopic(dlq, 2);
  await seed.produceMany(dlq, dltRecords(0, RECORDS));
});

test.afterAll(async () => {
  await server.stop();
  await restarted.stop();
  await seed.cleanup();
  rmSync(dataDir, { recursive: true, force: true });
});

async function poll<T>(read: () => Promise<T>, until: (value: T) => boolean, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (until(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** A POST whose body arrives in two parts: the request is in flight until `finish()`. */
function slowRequest(url: string, path: string, headers: Record<string, string>, body: string) {
  const { hostname, port } = new URL(url);
  const request = httpRequest({
    host: hostname,
    port,
    method: "POST",
    path,
    agent: false,
    headers: { ...headers, origin: url, "content-type": "application/json", "content-length": String(Buffer.byteLength(body)) },
  });
  const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
    request.on("response", (response) => {
      let text = "";
      response.on("data", (chunk: Buffer) => (text += chunk.toString()));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body: text }));
    });
    request.on("error", reject);
  });
  request.write(body.slice(0, 8));
  return { answer, finish: () => request.end(body.slice(8)) };
}

test("SIGTERM finishes the request in flight, gives the job back at a batch boundary, commits what was stored, exits 0", async ({
  playwright,
}) => {
  await server.start();
  const api = await server.signedInApi(playwright);
  const summary = async () => (await (await api.get(`/api/clusters/default/dlqs/${dlq}`)).json()) as { total?: string };
  await test.step("the console indexes the DLQ", () => poll(summary, (s) => s.total === String(RECORDS), 120_000, "indexing"));

  const created = await api.post(`/api/clusters/default/dlqs/${dlq}/jobs`, {
    data: { action: "redeliver", filter: {}, ratePerSecond: 150 },
  });
  expect(created.status()).toBe(202);
  const { jobId } = (await created.json()) as { jobId: string };
  const job = async (client = api) => (await (await client.get(`/api/jobs/${jobId}`)).json()) as { state: string; done: number };

  const cookie = (await api.storageState()).cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  let slow: ReturnType<typeof slowRequest>;
  await test.step("the job runs, the indexer stores a burst, a request is in flight", async () => {
    await poll(job, (j) => j.done >= 300, 60_000, "job progress");
    await seed.produceMany(dlq, dltRecords(RECORDS, BURST));
    await poll(summary, (s) => Number(s.total) > RECORDS, 60_000, "indexing the burst");
    slow = slowRequest(server.url, "/api/tokens", { cookie }, JSON.stringify({ name: "asked-before-sigterm", role: "viewer" }));
    await new Promise((r) => setTimeout(r, 500));
  });

  const before = await job();
  expect(before.state).toBe("running");
  expect(before.done).toBeLessThan(RECORDS);

  await test.step("SIGTERM: the listener closes, the request in flight is answered, the server exits 0 within 25 s", async () => {
    const exited = server.terminate("SIGTERM");
    // The listener closes at once: a new connection is refused, while the one in flight stays open.
    await expect
      .poll(
        () =>
          // A new connection each time (agent: false): fetch would reuse a kept-alive socket the server opened
          // before its listener closed, and that one still answers.
          new Promise<string>((resolve) =>
            get(`${server.url}/api/health`, { agent: false }, (res) => {
              res.resume();
              resolve("answered");
            }).on("error", (error) => resolve(error.message)),
          ),
        {
          timeout: 5_000,
        },
      )
      .toMatch(/ECONNREFUSED/);
    await new Promise((r) => setTimeout(r, 1_000));
    slow.finish();
    const answered = await slow.answer;
    expect(answered.status, answered.body).toBe(201);
    const exit = await exited;
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(exit.ms).toBeLessThan(25_000);
    const log = readFileSync(server.logPath, "utf8");
    expect(log).toContain("shut down cleanly");
    expect(existsSync(join(dataDir, "redrive.lock"))).toBe(false);
  });

  const committed = await test.step("the indexer left its group with offsets committed", async () => {
    const admin = await seed.connectedAdmin();
    const groups = await admin.describeGroups([indexerGroup]);
    expect(groups.groups[0]?.members ?? []).toHaveLength(0);
    const [offsets] = await admin.fetchOffsets({ groupId: indexerGroup, topics: [dlq] });
    return offsets!.partitions.reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
  });

  await test.step("restarted on the same store: no lock complaint, the indexer's committed offsets equal what it stored", async () => {
    const logBefore = readFileSync(server.logPath, "utf8").length;
    await restarted.start();
    const again = await restarted.signedInApi(playwright);
    const stored = Number(((await (await again.get(`/api/clusters/default/dlqs/${dlq}`)).json()) as { total: string }).total);
    expect(stored).toBeGreaterThan(RECORDS);
    expect(committed).toBe(stored);
    const finished = await poll(
      () => job(again),
      (j) => j.state === "completed",
      120_000,
      "job completion",
    );
    expect(finished.done).toBe(RECORDS);
    const log = readFileSync(restarted.logPath, "utf8").slice(logBefore);
    expect(log).not.toMatch(/in use by another Redrive process|StoreLockedError/);
    // Given back at a batch boundary: nothing was left claimed and unsent for the next runner to reconcile.
    expect(log).not.toContain("reconciled records left in flight");
  });

  await test.step("the target holds every record exactly once", async () => {
    const records = await readRedeliveries(seed, target, RECORDS);
    expect(records).toHaveLength(RECORDS);
    expect(new Set(records.map((r) => r.redriveId)).size).toBe(RECORDS);
  });
});
