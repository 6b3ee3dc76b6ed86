// A cluster whose brokers stop answering slows no other cluster: with a throwaway broker of this file's own frozen by
// SIGSTOP, the healthy cluster's DLQ pages still answer within a second, its lag is still sampled every round, its
// redeliveries of unknown outcome are still checked, and /api/ready stays ready (it rests on the first cluster and the
// store) while listing the frozen cluster as down.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { springDltRecord } from "@/e2e/support/dlq-records";
import { KafkaSeed, TEST_BROKERS, uniqueName } from "@/e2e/support/kafka-seed";
import { systemActor } from "@/lib/auth/actor";
import { answers, ensureLocalBroker } from "@/test/second-kafka";
import { callGet } from "@/test/api-client";

const FROZEN_PORT = 9292;
const frozenEnv = { ...process.env, KAFKA_PORT: String(FROZEN_PORT), KAFKA_CONTROLLER_PORT: String(FROZEN_PORT + 1) };
const frozenRun = join(process.cwd(), "scripts/kafka/.kafka", `run-4.1.1-${FROZEN_PORT}`);

const dir = mkdtempSync(join(tmpdir(), "redrive-independence-"));
process.env.REDRIVE_DATA_DIR = join(dir, "data");
process.env.REDRIVE_CONFIG = join(dir, "redrive.yaml");
process.env.REDRIVE_LAG_SAMPLE_SECONDS = "1";
delete process.env.DATABASE_URL;

const healthyDlq = `${uniqueName("healthy")}.DLT`;
const frozenDlq = `${uniqueName("frozen")}.DLT`;
const group = uniqueName("healthy-consumers");
const exactly = (topic: string) => `'^${topic.replace(/\./g, "\\.")}$'`;
writeFileSync(
  process.env.REDRIVE_CONFIG,
  `clusters:
  - id: default
    brokers: [${TEST_BROKERS.map((b) => `"${b}"`).join(", ")}]
    dlqPattern: ${exactly(healthyDlq)}
  - id: frozen
    brokers: ["127.0.0.1:${FROZEN_PORT}"]
    dlqPattern: ${exactly(frozenDlq)}
`,
);

const { and, eq, gte } = await import("drizzle-orm");
const { serverContext } = await import("@/lib/server/context");
const { runClusters, stopClusters } = await import("@/lib/server/cluster-lifecycle");
const { groupLagSample } = await import("@/lib/store/monitoring-schema");
const { dlqMessage } = await import("@/lib/store/dlq-schema");
const { claimForRedelivery } = await import("@/lib/triage/single-actions");
const { reconcileStaleRedeliveries } = await import("@/lib/triage/reconcile-redeliveries");
const dlqsRoute = await import("./[cluster]/dlqs/route");
const listRoute = await import("./[cluster]/dlqs/[topic]/messages/route");
const readyRoute = await import("@/app/api/ready/route");

const healthySeed = new KafkaSeed();
let frozenSeed: KafkaSeed | undefined;
let startedFrozen = false;
let frozenPid = 0;

async function timed<T>(call: () => Promise<Response>): Promise<{ ms: number; status: number; body: T }> {
  const started = performance.now();
  const response = await call();
  const body = (await response.json()) as T;
  return { ms: performance.now() - started, status: response.status, body };
}

beforeAll(async () => {
  startedFrozen = !(await answers(`127.0.0.1:${FROZEN_PORT}`));
  await ensureLocalBroker(FROZEN_PORT);
  frozenPid = Number(readFileSync(join(frozenRun, "broker.pid"), "utf8"));
  frozenSeed = new KafkaSeed([`127.0.0.1:${FROZEN_PORT}`]);
  await frozenSeed.createTopic(frozenDlq, 1);
  await frozenSeed.produceRecords(frozenDlq, [
    springDltRecord({ originalTopic: "orders", exceptionClass: "com.shop.Frozen", message: "frozen", value: "z" }),
  ]);
  await healthySeed.createTopic(healthyDlq, 1);
  await healthySeed.produceRecords(healthyDlq, [
    springDltRecord({ originalTopic: "orders", exceptionClass: "com.shop.Healthy", message: "healthy", value: "h" }),
  ]);
  await healthySeed.commitOffsets(group, healthyDlq, { 0: 0 });
  runClusters(await serverContext());
  for (const [cluster, topic] of [
    ["default", healthyDlq],
    ["frozen", frozenDlq],
  ] as const) {
    for (let i = 0; i < 160; i++) {
      const { body } = await timed<{ messages: unknown[] }>(() =>
        callGet(listRoute.GET, `/api/clusters/${cluster}/dlqs/${topic}/messages`, { cluster, topic }),
      );
      if (body.messages.length === 1) break;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  // Frozen with its connections open: kafkajs hears nothing back, as from a broker behind a dead link.
  process.kill(frozenPid, "SIGSTOP");
}, 180_000);

afterAll(async () => {
  if (frozenPid) process.kill(frozenPid, "SIGCONT");
  await stopClusters(await serverContext());
  await healthySeed.cleanup();
  await frozenSeed?.cleanup().catch(() => undefined);
  if (startedFrozen) {
    execFileSync("bash", ["scripts/kafka/stop.sh"], { env: frozenEnv, stdio: "ignore" });
    rmSync(frozenRun, { recursive: true, force: true });
  }
}, 120_000);

describe("a cluster whose broker is frozen", () => {
  it("slows none of the other cluster's DLQ pages", async () => {
    for (let round = 0; round < 3; round++) {
      const list = await timed<{ messages: unknown[] }>(() =>
        callGet(listRoute.GET, `/api/clusters/default/dlqs/${healthyDlq}/messages`, { cluster: "default", topic: healthyDlq }),
      );
      expect(list).toMatchObject({ status: 200, body: { messages: [expect.anything()] } });
      expect(list.ms).toBeLessThan(1_000);
      const dlqs = await timed<{ topic: string }[]>(() => callGet(dlqsRoute.GET, "/api/clusters/default/dlqs", { cluster: "default" }));
      expect(dlqs.status).toBe(200);
      expect(dlqs.body.map((d) => d.topic)).toEqual([healthyDlq]);
      expect(dlqs.ms).toBeLessThan(1_000);
      await new Promise((r) => setTimeout(r, 500));
    }
  });

  it("holds up none of the other cluster's lag samples", async () => {
    const since = new Date();
    await new Promise((r) => setTimeout(r, 5_000));
    const { store } = await serverContext();
    const slots = await store.db
      .select({ at: groupLagSample.at })
      .from(groupLagSample)
      .where(and(eq(groupLagSample.cluster, "default"), eq(groupLagSample.groupId, group), gte(groupLagSample.at, since)));
    // One sample a second; a loop that waited for the frozen cluster's read (8 s) would have taken one at most.
    expect(slots.length).toBeGreaterThanOrEqual(3);
  }, 30_000);

  it("holds up none of the other cluster's checks of redeliveries whose outcome is unknown", async () => {
    const { store, cluster } = await serverContext();
    const actor = systemActor("test");
    // The frozen cluster's claim first: a sweep that went target by target would wait for it before the healthy one.
    await claimForRedelivery(
      store,
      { cluster: "frozen", topic: frozenDlq, partition: 0, offset: 0n },
      "orders",
      actor,
      uniqueName("frozen-action"),
    );
    await claimForRedelivery(
      store,
      { cluster: "default", topic: healthyDlq, partition: 0, offset: 0n },
      healthyDlq,
      actor,
      uniqueName("healthy-action"),
    );
    let swept = false;
    const sweep = reconcileStaleRedeliveries(store, (id) => cluster(id).kafka.jobs, 0, 0).finally(() => (swept = true));
    sweep.catch(() => undefined);
    const healthyRow = async () =>
      (
        await store.db
          .select()
          .from(dlqMessage)
          .where(and(eq(dlqMessage.cluster, "default"), eq(dlqMessage.topic, healthyDlq)))
      )[0]!;
    for (let i = 0; i < 40 && (await healthyRow()).actionId !== null; i++) await new Promise((r) => setTimeout(r, 100));
    // Nothing was written to the target, so the healthy claim is settled as not sent, while the frozen one still waits.
    expect(await healthyRow()).toMatchObject({ actionId: null, status: "pending" });
    expect(swept).toBe(false);
  }, 30_000);

  it("leaves the instance ready and lists the frozen cluster as down", async () => {
    const response = await callGet(readyRoute.GET, "/api/ready", {});
    const body = (await response.json()) as { ready: boolean; clusters: { id: string; ok: boolean }[] };
    expect(response.status).toBe(200);
    expect(body.ready).toBe(true);
    expect(body.clusters.map(({ id, ok }) => ({ id, ok }))).toEqual([
      { id: "default", ok: true },
      { id: "frozen", ok: false },
    ]);
  }, 30_000);
});
