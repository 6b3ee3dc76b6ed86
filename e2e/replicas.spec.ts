// Two consoles on one PostgreSQL behind one address (a round-robin proxy, as a load balancer or a Kubernetes Service
// puts them): a browser session signed in through one works on the other, the indexer's partitions are shared by the
// two, an alert fires once, lag is sampled once per slot, and a bulk job runs on exactly one of them; SIGTERM to that
// one gives its lease back at a batch boundary and the other carries on at once (every record reaches the target once).
import { execFileSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { AssignerProtocol } from "kafkajs";
import { accounts, consolePort } from "./support/accounts";
import { ConsoleServer } from "./support/console-server";
import { springDltRecord } from "./support/dlq-records";
import { KafkaSeed, uniqueName } from "./support/kafka-seed";
import { readRedeliveries } from "./support/read-redeliveries";
import { RoundRobinProxy } from "./support/round-robin-proxy";
import { WebhookReceiver } from "./support/webhook-receiver";
import { SignInPage } from "./pages/sign-in-page";
import { createDatabase, dropDatabase } from "./faults/support/postgres";

const RECORDS = 2_000;
const DLQ_PARTITIONS = 4;
const seed = new KafkaSeed();
const target = uniqueName("e2e-replicas-orders");
const dlq = `${target}.DLT`;
const brokers = process.env.KAFKA_BROKERS ?? "127.0.0.1:9092";
const dataDir = join(process.env.REDRIVE_E2E_DATA_DIR ?? "e2e/.data", `replicas-${target}`);
// E2E_PORT + 41..44: past the consoles (+0..+3), the specs' own (+12..+14), the metrics listener (+30), shutdown (+40).
const base = consolePort(0) + 41;
const receiver = new WebhookReceiver();
let database: { name: string; url: string } | undefined;
let consoles: ConsoleServer[] = [];
const proxy = new RoundRobinProxy(base + 2, [
  { host: "127.0.0.1", port: base },
  { host: "127.0.0.1", port: base + 1 },
]);

test.describe.configure({ timeout: 240_000 });

const psql = (query: string) =>
  execFileSync("psql", ["-h", "127.0.0.1", "-U", "postgres", "-d", database!.name, "-At", "-c", query], { encoding: "utf8" }).trim();

test.beforeAll(async () => {
  database = createDatabase(`${process.env.E2E_DB_PREFIX ?? ""}e2e_replicas_`);
  await seed.createTopic(target, 3);
  await seed.createTopic(dlq, DLQ_PARTITIONS);
  const records = Array.from({ length: RECORDS }, (_, i) =>
    springDltRecord({
      originalTopic: target,
      exceptionClass: "com.shop.OrderNotFound",
      message: `Order ${i} not found`,
      key: `order-${i}`,
      value: JSON.stringify({ orderId: i }),
      partition: i % DLQ_PARTITIONS,
    }),
  );
  await seed.produceMany(dlq, records);
  const env = {
    DATABASE_URL: database.url,
    REDRIVE_LAG_SAMPLE_SECONDS: "2",
    REDRIVE_ALERTS_EVALUATE_SECONDS: "2",
    REDRIVE_WEBHOOK_ALLOW: "127.0.0.1",
  };
  consoles = [0, 1].map((i) => ConsoleServer.onBrokers(base + i, brokers, join(dataDir, String(i)), `^${dlq.replace(/\./g, "\\.")}$`, env));
  // One at a time: the first creates the admin; both then share it, and the store's secret and indexer group.
  await consoles[0]!.start();
  await consoles[1]!.start();
  await proxy.start();
});

test.afterAll(async () => {
  await Promise.all(consoles.map((c) => c.stop()));
  await proxy.stop();
  await receiver.stop();
  await seed.cleanup();
  if (database) dropDatabase(database.name);
  rmSync(dataDir, { recursive: true, force: true });
});

test("two consoles behind one address share sessions, the indexer's partitions, alerts, lag sampling and jobs, and hand a job over on SIGTERM", async ({
  browser,
}) => {
  const context = await browser.newContext({ baseURL: proxy.url, storageState: undefined });
  const page = await context.newPage();
  const api = context.request;

  await test.step("a session signed in through one console works on the other", async () => {
    const signIn = new SignInPage(page);
    await signIn.goto("/");
    await signIn.signIn(accounts.admin.username, accounts.admin.password);
    await expect(page).not.toHaveURL(/sign-in/);
    const answeredBefore = [...proxy.answered];
    // Alternate requests go to alternate consoles: each of them knows the session.
    for (let i = 0; i < 4; i++) expect((await api.get("/api/me")).status()).toBe(200);
    expect(proxy.answered[0]! - answeredBefore[0]!).toBeGreaterThanOrEqual(2);
    expect(proxy.answered[1]! - answeredBefore[1]!).toBeGreaterThanOrEqual(2);
    await page.goto(`/clusters/default/dlqs/${encodeURIComponent(dlq)}`);
    await page.reload();
    await expect(page).not.toHaveURL(/sign-in/);
  });

  await test.step("the indexer's partitions are shared: its group has two members, each assigned some", async () => {
    const admin = await seed.connectedAdmin();
    const groupId = `redrive-indexer-${psql("select value from store_meta where key = 'store_id'")}`;
    await expect
      .poll(
        async () => {
          const { groups } = await admin.describeGroups([groupId]);
          // Each member's partitions of the DLQ: both have some once the group has settled.
          return (groups[0]?.members ?? [])
            .map((m) => AssignerProtocol.MemberAssignment.decode(m.memberAssignment)?.assignment[dlq]?.length ?? 0)
            .map((n) => n > 0);
        },
        { timeout: 60_000 },
      )
      .toEqual([true, true]);
    const { groups } = await admin.describeGroups([groupId]);
    const assigned = groups[0]!.members.map((m) => AssignerProtocol.MemberAssignment.decode(m.memberAssignment)?.assignment[dlq] ?? []);
    expect(assigned.map((partitions) => partitions.length).sort()).toEqual([DLQ_PARTITIONS / 2, DLQ_PARTITIONS / 2]);
    await expect
      .poll(async () => ((await (await api.get(`/api/clusters/default/dlqs/${dlq}`)).json()) as { total?: string }).total, {
        timeout: 90_000,
      })
      .toBe(String(RECORDS));
  });

  await test.step("an alert fires once", async () => {
    const webhookUrl = await receiver.start();
    const created = await api.post("/api/alerts", {
      data: { name: "replicas pending", kind: "dlq_pending", target: dlq, threshold: 1, webhookUrl },
      headers: { origin: proxy.url },
    });
    expect(created.status(), await created.text()).toBe(201);
    await expect.poll(() => receiver.posts.length, { timeout: 30_000 }).toBeGreaterThanOrEqual(1);
    // Several rounds on both consoles later, still one post.
    await new Promise((r) => setTimeout(r, 7_000));
    expect(receiver.posts).toHaveLength(1);
  });

  await test.step("lag is sampled once per slot", async () => {
    const slots = Number(psql("select count(*) from monitoring_slot where job = 'lag-sample:default'"));
    expect(slots).toBeGreaterThan(3);
    // One claim per slot, and each slot's samples written once: no group has two samples at one slot.
    expect(psql("select count(*) from (select 1 from group_lag_sample group by cluster, group_id, at having count(*) > 1) d")).toBe("0");
    expect(Number(psql("select count(distinct at) from group_lag_sample where cluster = 'default'"))).toBeLessThanOrEqual(slots);
  });
  await test.step("a bulk job runs on exactly one console; SIGTERM there hands it to the other at once", async () => {
    const created = await api.post(`/api/clusters/default/dlqs/${dlq}/jobs`, {
      data: { action: "redeliver", filter: {}, ratePerSecond: 200 },
      headers: { origin: proxy.url },
    });
    expect(created.status(), await created.text()).toBe(202);
    const { jobId } = (await created.json()) as { jobId: string };
    const job = async () => (await (await api.get(`/api/jobs/${jobId}`)).json()) as { state: string; done: number };
    const running = (c: ConsoleServer) =>
      readFileSync(c.logPath, "utf8")
        .split("\n")
        .some((line) => line.includes("running bulk job") && line.includes(jobId));
    await expect.poll(async () => (await job()).done, { timeout: 60_000 }).toBeGreaterThanOrEqual(200);
    const ran = consoles.filter(running);
    expect(ran).toHaveLength(1);
    const [first] = ran;
    const other = consoles.find((c) => c !== first)!;
    expect((await job()).state).toBe("running");

    const exit = await first!.terminate("SIGTERM");
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(exit.ms).toBeLessThan(25_000);
    // The lease was given back: the other console takes the job within a poll or two, not after the 15 s lease.
    const handedOverAt = Date.now();
    await expect.poll(() => running(other), { timeout: 10_000, intervals: [250] }).toBe(true);
    expect(Date.now() - handedOverAt).toBeLessThan(10_000);
    await expect.poll(async () => (await job()).state, { timeout: 90_000 }).toBe("completed");
    expect((await job()).done).toBe(RECORDS);
    const records = await readRedeliveries(seed, target, RECORDS);
    expect(records).toHaveLength(RECORDS);
    expect(new Set(records.map((r) => r.redriveId)).size).toBe(RECORDS);
    expect(readFileSync(other.logPath, "utf8")).not.toContain("reconciled records left in flight");
  });
  await context.close();
});
