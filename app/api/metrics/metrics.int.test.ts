// GET /api/metrics against the real broker and both stores: DLQ counts by status, the oldest pending record's age,
// records indexed, a real group's lag per topic, the indexer group's lag, actions by kind and result from the audit
// log — and the route refuses callers without a token.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KafkaSeed, uniqueName } from "@/e2e/support/kafka-seed";
import { systemActor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/audit-log";
import type { Store } from "@/lib/store/open-store";
import { storeId } from "@/lib/store/store-meta";
import { discard } from "@/lib/triage/single-actions";
import { callGet } from "@/test/api-client";
import { seedDlqRows } from "@/test/dlq-fixtures";
import { parsePrometheusText, sampleValue } from "@/test/prometheus-text";
import { openTestStore, storeBackends } from "@/test/store-backends";

process.env.REDRIVE_DATA_DIR = mkdtempSync(join(tmpdir(), "redrive-metrics-api-"));
delete process.env.DATABASE_URL;
delete process.env.REDRIVE_INDEXER_GROUP;

const { renderMetrics } = await import("@/lib/metrics/default-collectors");
const route = await import("./route");

const backends = await storeBackends();
const seed = new KafkaSeed();
const lagTopic = uniqueName("metrics-lag");
const lagGroup = uniqueName("metrics-consumer");
const HOUR = 3_600_000;
afterAll(() => seed.cleanup());

beforeAll(async () => {
  await seed.createTopic(lagTopic, 2);
  await seed.produce(lagTopic, 0, 10);
  await seed.produce(lagTopic, 1, 3);
  await seed.commitOffsets(lagGroup, lagTopic, { 0: 4, 1: 3 });
});

describe.each(backends)("metrics on $name", (backend) => {
  let store: Store;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ store, dispose } = await openTestStore(backend));
  });
  afterAll(() => dispose());

  it("reports what the store and Kafka hold", async () => {
    const dlq = `${uniqueName("metrics-orders")}.DLT`;
    const oldest = Date.now() - 2 * HOUR;
    await seedDlqRows(store, { topic: dlq, exceptionClass: "com.shop.Declined", count: 3, timestampMs: oldest });
    await seedDlqRows(store, { topic: dlq, exceptionClass: "com.shop.Missing", count: 2, timestampMs: Date.now(), firstOffset: 3 });
    const operator = systemActor("metrics-test");
    await discard(store, { key: { cluster: "default", topic: dlq, partition: 0, offset: 3n }, actor: operator, reason: "duplicate" });
    await recordAudit(store, {
      ...operator.audit,
      action: "message.redeliver_failed",
      cluster: "default",
      topic: dlq,
      partition: 0,
      offset: 0n,
    });
    // The indexer's group is the store's: give it a real committed offset on a real DLQ topic.
    const indexedDlq = await seed.createTopic(`${uniqueName("metrics-indexed")}.DLT`, 1);
    await seed.produce(indexedDlq, 0, 5);
    await seed.commitOffsets(`redrive-indexer-${await storeId(store)}`, indexedDlq, { 0: 2 });
    // Scrapes share one group read for 5 s; this group is newer than the last one.
    await new Promise((resolve) => setTimeout(resolve, 5_500));

    const samples = parsePrometheusText(await renderMetrics(store));
    const dlqLabels = { cluster: "default", topic: dlq };
    expect(sampleValue(samples, "redrive_dlq_messages", { ...dlqLabels, status: "pending" })).toBe(4);
    expect(sampleValue(samples, "redrive_dlq_messages", { ...dlqLabels, status: "discarded" })).toBe(1);
    expect(sampleValue(samples, "redrive_dlq_messages", { ...dlqLabels, status: "redelivered" })).toBe(0);
    expect(sampleValue(samples, "redrive_dlq_records_indexed_total", dlqLabels)).toBe(5);
    expect(sampleValue(samples, "redrive_dlq_failure_groups", dlqLabels)).toBe(2);
    const age = sampleValue(samples, "redrive_dlq_oldest_pending_age_seconds", dlqLabels)!;
    expect(age).toBeGreaterThanOrEqual(7_200);
    expect(age).toBeLessThan(7_300);

    expect(sampleValue(samples, "redrive_kafka_up", { cluster: "default" })).toBe(1);
    expect(sampleValue(samples, "redrive_consumer_group_lag", { cluster: "default", group: lagGroup, topic: lagTopic })).toBe(6);
    expect(sampleValue(samples, "redrive_consumer_group_members", { cluster: "default", group: lagGroup })).toBe(0);
    expect(sampleValue(samples, "redrive_indexer_lag", { cluster: "default", topic: indexedDlq })).toBe(3);

    expect(sampleValue(samples, "redrive_actions_total", { kind: "discard", result: "ok" })).toBe(1);
    expect(sampleValue(samples, "redrive_actions_total", { kind: "redeliver_failed" })).toBeUndefined();
    expect(sampleValue(samples, "redrive_actions_total", { kind: "redeliver", result: "failed" })).toBe(1);
    for (const collector of ["dlq", "kafka", "actions"]) expect(sampleValue(samples, "redrive_collector_up", { collector })).toBe(1);

    // Counted from the log incrementally: a later action adds to what was counted, nothing is counted twice.
    await discard(store, { key: { cluster: "default", topic: dlq, partition: 0, offset: 4n }, actor: operator, reason: "duplicate" });
    const later = parsePrometheusText(await renderMetrics(store));
    expect(sampleValue(later, "redrive_actions_total", { kind: "discard", result: "ok" })).toBe(2);
    expect(sampleValue(later, "redrive_dlq_messages", { ...dlqLabels, status: "pending" })).toBe(3);
  });
});

describe("GET /api/metrics", () => {
  it("answers Prometheus text to a viewer token and 401 to a caller without one", async () => {
    const response = await callGet(route.GET, "/api/metrics", {}, "viewer");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const samples = parsePrometheusText(await response.text());
    expect(sampleValue(samples, "redrive_kafka_up", { cluster: "default" })).toBe(1);

    const anonymous = await route.GET(new Request("http://localhost/api/metrics", { headers: { host: "localhost" } }), {
      params: Promise.resolve({}),
    });
    expect(anonymous.status).toBe(401);
    const badToken = await route.GET(
      new Request("http://localhost/api/metrics", { headers: { host: "localhost", authorization: "Bearer rdv_nope" } }),
      { params: Promise.resolve({}) },
    );
    expect(badToken.status).toBe(401);
  });
});
