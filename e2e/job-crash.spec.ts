// Crash safety of bulk jobs, end to end: a console (production build, embedded store, real broker) runs a 20,000
// message redelivery job; the server process is killed with SIGKILL in the middle; a new server on the same store
// picks the job up, reconciles what was in flight by x-redrive-id, and finishes. Then the target topic holds every
// message exactly once, every DLQ record is redelivered, and the audit log says the same and verifies.
import { rmSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { consolePort } from "./support/accounts";
import { ConsoleServer } from "./support/console-server";
import { springDltRecord } from "./support/dlq-records";
import { KafkaSeed, uniqueName } from "./support/kafka-seed";
import { readRedeliveries } from "./support/read-redeliveries";

const RECORDS = 20_000;
const seed = new KafkaSeed();
const target = uniqueName("e2e-crash-orders");
const dlq = `${target}.DLT`;
// Inside the run's data directory (the runner removes it on exit): Playwright loads every spec file, even one it
// does not run, so a directory made here at load time would be left behind by every run.
const dataDir = join(process.env.REDRIVE_E2E_DATA_DIR ?? "e2e/.data", `crash-${target}`);
const server = ConsoleServer.onBrokers(consolePort(2) + 10, process.env.KAFKA_BROKERS ?? "127.0.0.1:9092", dataDir);

test.describe.configure({ timeout: 420_000 });

test.beforeAll(async () => {
  await seed.createTopic(target, 3);
  await seed.createTopic(dlq, 2);
  const records = Array.from({ length: RECORDS }, (_, i) =>
    springDltRecord({
      originalTopic: target,
      exceptionClass: "com.shop.OrderNotFound",
      message: `Order ${i} not found`,
      key: `order-${i}`,
      value: JSON.stringify({ orderId: i }),
      partition: i % 2,
    }),
  );
  await seed.produceMany(dlq, records);
});

test.afterAll(async () => {
  await server.stop();
  await seed.cleanup();
  rmSync(dataDir, { recursive: true, force: true });
});

/**
 * Reads until `until` holds. A GET that meets a kept-alive connection the server is just closing (its event loop was
 * busy with the embedded store past the keep-alive timeout) is read again, as a browser would.
 */
async function poll<T>(read: () => Promise<T>, until: (value: T) => boolean, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read().catch((error: Error) => {
      if (/ECONNRESET|socket hang up/.test(error.message) && Date.now() < deadline) return undefined;
      throw error;
    });
    if (value !== undefined && until(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

test("a 20,000-message job survives SIGKILL of the server: every message reaches the target exactly once", async ({ playwright }) => {
  await server.start();
  let api = await server.signedInApi(playwright);
  const summary = async () =>
    (await api.get(`/api/clusters/default/dlqs/${dlq}`)).json() as Promise<{ total?: string; pending?: string; redelivered?: string }>;
  await test.step("the console indexes the DLQ", () => poll(summary, (s) => s.total === String(RECORDS), 240_000, "indexing"));

  const created = await api.post(`/api/clusters/default/dlqs/${dlq}/jobs`, {
    data: { action: "redeliver", filter: {}, ratePerSecond: 2_000 },
  });
  expect(created.status()).toBe(202);
  const { jobId, total } = (await created.json()) as { jobId: string; total: number };
  expect(total).toBe(RECORDS);
  const job = async () =>
    (await (await api.get(`/api/jobs/${jobId}`)).json()) as { state: string; done: number; failed: number; skipped: number };

  await test.step("SIGKILL the server in the middle of the job", async () => {
    const midway = await poll(job, (j) => j.done >= 6_000, 120_000, "job progress");
    expect(midway.done).toBeLessThan(RECORDS);
    await server.kill();
  });

  await test.step("a new server on the same store finishes the job", async () => {
    await server.start();
    api = await server.signedInApi(playwright);
    const finished = await poll(job, (j) => j.state === "completed", 240_000, "job completion");
    expect({ done: finished.done, failed: finished.failed, skipped: finished.skipped }).toEqual({ done: RECORDS, failed: 0, skipped: 0 });
  });

  await test.step("the target holds every message exactly once", async () => {
    const records = await readRedeliveries(seed, target, RECORDS);
    expect(records).toHaveLength(RECORDS);
    expect(new Set(records.map((r) => r.redriveId)).size).toBe(RECORDS);
    expect(new Set(records.map((r) => r.source)).size).toBe(RECORDS);
  });

  await test.step("every DLQ record is redelivered, and the audit log agrees and verifies", async () => {
    expect(await summary()).toMatchObject({ total: String(RECORDS), pending: "0", redelivered: String(RECORDS) });
    const exported = await api.get(`/api/audit/export?format=jsonl&action=message.redeliver&topic=${encodeURIComponent(dlq)}`);
    expect(exported.status()).toBe(200);
    const entries = (await exported.text())
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { partition: number; offset: string; details: { jobId: string } });
    expect(entries).toHaveLength(RECORDS);
    expect(entries.every((e) => e.details.jobId === jobId)).toBe(true);
    expect(new Set(entries.map((e) => `${e.partition}/${e.offset}`)).size).toBe(RECORDS);
    expect(await (await api.get("/api/audit/verify")).json()).toMatchObject({ ok: true });
  });
});
