// Two clusters side by side from a REDRIVE_CONFIG file, on two real brokers: /api/clusters lists them without secrets,
// each cluster's indexer fills its own DLQ pages, a redelivery on the second goes to the second broker by the second
// cluster's own allow pattern, and its audit entry names the cluster. A secret never reaches an answer or a log line.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { springDltRecord } from "@/e2e/support/dlq-records";
import { KafkaSeed, TEST_BROKERS, uniqueName } from "@/e2e/support/kafka-seed";
import type { AuditEntry, Cluster, DlqMessagePage } from "@/lib/contract/schemas";
import { callGet, callPost } from "@/test/api-client";
import { parsePrometheusText, sampleValue } from "@/test/prometheus-text";
import { ensureSecondKafka, SECOND_BROKERS } from "@/test/second-kafka";

const dir = mkdtempSync(join(tmpdir(), "redrive-clusters-api-"));
process.env.REDRIVE_DATA_DIR = join(dir, "data");
delete process.env.DATABASE_URL;

const SECRET = `pw-${uniqueName("secret")}`;
const CA_FILE = join(dir, "kafka-ca.pem");
const first = { dlq: `${uniqueName("first")}.DLT` };
const second = { dlq: `${uniqueName("second")}.DLT`, target: uniqueName("second-orders"), refused: uniqueName("second-elsewhere") };
const exactly = (topic: string) => `'^${topic.replace(/\./g, "\\.")}$'`;

writeFileSync(CA_FILE, "-----BEGIN CERTIFICATE-----\n");
writeFileSync(
  join(dir, "redrive.yaml"),
  `clusters:
  - id: default
    name: Local
    brokers: [${TEST_BROKERS.map((b) => `"${b}"`).join(", ")}]
    dlqPattern: ${exactly(first.dlq)}
  - id: second
    name: Second
    brokers: ["\${WTC_SECOND_BROKERS}"]
    dlqPattern: ${exactly(second.dlq)}
    redeliverTargets: '${second.target}'
  - id: secured
    brokers: ["127.0.0.1:1"]
    sasl: { mechanism: plain, username: "\${WTC_KAFKA_USER}", password: "\${WTC_KAFKA_PASSWORD}" }
    tls: { caFile: ${CA_FILE} }
    indexer: false
    jobs: false
    lagSampling: false
`,
);
process.env.REDRIVE_CONFIG = join(dir, "redrive.yaml");
process.env.WTC_SECOND_BROKERS = SECOND_BROKERS[0];
process.env.WTC_KAFKA_USER = "svc-redrive";
process.env.WTC_KAFKA_PASSWORD = SECRET;

const pino = (await import("pino")).default;
const { log } = await import("@/lib/log");
const { serverContext } = await import("@/lib/server/context");
const { runClusters, stopClusters } = await import("@/lib/server/cluster-lifecycle");
const clustersRoute = await import("./route");
const listRoute = await import("./[cluster]/dlqs/[topic]/messages/route");
const redeliverRoute = await import("./[cluster]/dlqs/[topic]/messages/[partition]/[offset]/redeliver/route");
const auditRoute = await import("@/app/api/audit/route");
const { renderMetrics } = await import("@/lib/metrics/default-collectors");

// Every line the server logs in this file, as written (pino's children share their parent's stream).
const logged: string[] = [];
const stream = (log as unknown as Record<symbol, { write(line: string): unknown }>)[pino.symbols.streamSym]!;
const write = stream.write.bind(stream);
stream.write = (line: string) => (logged.push(line), write(line));

const firstSeed = new KafkaSeed();
const secondSeed = new KafkaSeed(SECOND_BROKERS);

async function page(cluster: string, topic: string): Promise<DlqMessagePage> {
  const response = await callGet(listRoute.GET, `/api/clusters/${cluster}/dlqs/${topic}/messages`, { cluster, topic });
  return (await response.json()) as DlqMessagePage;
}

async function indexed(cluster: string, topic: string, count: number): Promise<DlqMessagePage> {
  for (let i = 0; i < 160; i++) {
    const found = await page(cluster, topic);
    if (found.messages.length === count) return found;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${topic} on ${cluster} was not indexed`);
}

beforeAll(async () => {
  await ensureSecondKafka();
  await firstSeed.createTopic(first.dlq, 1);
  await firstSeed.produceRecords(first.dlq, [
    springDltRecord({ originalTopic: "orders", exceptionClass: "com.shop.First", message: "first failed", value: "f-1" }),
  ]);
  await secondSeed.createTopic(second.dlq, 1);
  await secondSeed.createTopic(second.target, 1);
  await secondSeed.createTopic(second.refused, 1);
  await secondSeed.produceRecords(second.dlq, [
    springDltRecord({ originalTopic: second.target, exceptionClass: "com.shop.Second", message: "second failed", value: "s-1" }),
    springDltRecord({ originalTopic: second.refused, exceptionClass: "com.shop.Second", message: "second failed too", value: "s-2" }),
  ]);
  runClusters(await serverContext());
}, 120_000);

afterAll(async () => {
  await stopClusters(await serverContext());
  await Promise.all([firstSeed.cleanup(), secondSeed.cleanup()]);
});

describe("GET /api/clusters", () => {
  it("lists every configured cluster with what runs, and no credentials or key paths", async () => {
    const response = await callGet(clustersRoute.GET, "/api/clusters", {});
    const text = await response.text();
    expect(JSON.parse(text) as Cluster[]).toEqual([
      { id: "default", name: "Local", brokers: TEST_BROKERS, runs: { indexer: true, jobs: true, lagSampling: true } },
      { id: "second", name: "Second", brokers: SECOND_BROKERS.slice(0, 1), runs: { indexer: true, jobs: true, lagSampling: true } },
      { id: "secured", name: "secured", brokers: ["127.0.0.1:1"], runs: { indexer: false, jobs: false, lagSampling: false } },
    ]);
    for (const leak of [SECRET, "svc-redrive", CA_FILE, "BEGIN CERTIFICATE"]) expect(text).not.toContain(leak);
  });
});

describe("two clusters side by side", () => {
  it("indexes each cluster's DLQ from its own broker", async () => {
    expect((await indexed("default", first.dlq, 1)).messages[0]!.failure.exceptionClass).toBe("com.shop.First");
    expect((await indexed("second", second.dlq, 2)).messages.map((m) => m.failure.message).sort()).toEqual([
      "second failed",
      "second failed too",
    ]);
    // One cluster's DLQ is not another's.
    expect((await page("default", second.dlq)).messages).toEqual([]);
  });

  it("redelivers on the second cluster to its broker, by its own allow pattern, and audits the cluster", async () => {
    const { messages } = await indexed("second", second.dlq, 2);
    const allowed = messages.find((m) => m.failure.originalTopic === second.target)!;
    const refused = messages.find((m) => m.failure.originalTopic === second.refused)!;
    const at = (m: { partition: number; offset: string }) => ({
      cluster: "second",
      topic: second.dlq,
      partition: String(m.partition),
      offset: m.offset,
    });
    const url = (m: { partition: number; offset: string }) =>
      `/api/clusters/second/dlqs/${second.dlq}/messages/${m.partition}/${m.offset}/redeliver`;

    const sent = await callPost(redeliverRoute.POST, url(allowed), at(allowed), {});
    expect(sent.status).toBe(200);
    expect(await sent.json()).toMatchObject({ target: { topic: second.target, offset: "0" } });
    const [landed] = await (await secondSeed.connectedAdmin()).fetchTopicOffsets(second.target);
    expect(landed!.high).toBe("1");

    // The second cluster's redeliverTargets refuses what the first cluster (no pattern) would allow.
    const denied = await callPost(redeliverRoute.POST, url(refused), at(refused), {});
    expect(denied.status).toBe(422);

    const audit = await callGet(auditRoute.GET, `/api/audit?cluster=second&topic=${second.dlq}&action=message.redeliver`, {}, "admin");
    const { entries } = (await audit.json()) as { entries: AuditEntry[] };
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      action: "message.redeliver",
      cluster: "second",
      topic: second.dlq,
      offset: allowed.offset,
      target: { topic: second.target },
    });
  });

  it("labels the metrics with each cluster", async () => {
    const samples = parsePrometheusText(await renderMetrics((await serverContext()).store));
    expect(sampleValue(samples, "redrive_actions_total", { cluster: "second", kind: "redeliver", result: "ok" })).toBe(1);
    expect(sampleValue(samples, "redrive_actions_total", { cluster: "second", kind: "redeliver", result: "failed" })).toBe(1);
    expect(sampleValue(samples, "redrive_actions_total", { cluster: "default", kind: "redeliver", result: "ok" })).toBeUndefined();
    expect(sampleValue(samples, "redrive_dlq_messages", { cluster: "second", topic: second.dlq, status: "redelivered" })).toBe(1);
    expect(sampleValue(samples, "redrive_dlq_messages", { cluster: "default", topic: first.dlq, status: "pending" })).toBe(1);
    for (const cluster of ["default", "second", "secured"])
      expect(sampleValue(samples, "redrive_jobs", { cluster, state: "running" })).toBe(0);
    expect(sampleValue(samples, "redrive_kafka_up", { cluster: "second" })).toBe(1);
    expect(sampleValue(samples, "redrive_kafka_up", { cluster: "secured" })).toBe(0);
  }, 30_000);

  it("answers 404 for a cluster that is not configured", async () => {
    const response = await callGet(listRoute.GET, "/api/clusters/nope/dlqs/x.DLT/messages", { cluster: "nope", topic: "x.DLT" });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: { code: "not_found", message: 'Cluster "nope" is not configured' } });
  });

  it("never writes a secret to the log", () => {
    expect(logged.join("\n")).not.toContain(SECRET);
    expect(logged.length).toBeGreaterThan(0);
  });
});
