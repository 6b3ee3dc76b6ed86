// GET /api/metrics while Kafka does not answer: still 200 within the read's time bound, redrive_kafka_up 0, no lag
// series, and everything the store knows (DLQ depth) still there.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { callGet } from "@/test/api-client";
import { seedDlqRows } from "@/test/dlq-fixtures";
import { parsePrometheusText, sampleValue } from "@/test/prometheus-text";

process.env.REDRIVE_DATA_DIR = mkdtempSync(join(tmpdir(), "redrive-metrics-down-"));
process.env.KAFKA_BROKERS = "127.0.0.1:1";
delete process.env.DATABASE_URL;

const { getStore } = await import("@/lib/store/store");
const route = await import("./route");

describe("GET /api/metrics with Kafka down", () => {
  it("answers 200 with kafka_up 0 and the store's metrics", async () => {
    await seedDlqRows(await getStore(), { topic: "down.DLT", exceptionClass: "com.shop.X", count: 2, timestampMs: Date.now() });
    const started = Date.now();
    const response = await callGet(route.GET, "/api/metrics", {}, "viewer");
    expect(response.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(15_000);
    const samples = parsePrometheusText(await response.text());
    expect(sampleValue(samples, "redrive_kafka_up", { cluster: "default" })).toBe(0);
    expect(samples.some((s) => s.name === "redrive_consumer_group_lag")).toBe(false);
    expect(sampleValue(samples, "redrive_dlq_messages", { topic: "down.DLT", status: "pending" })).toBe(2);
    expect(sampleValue(samples, "redrive_collector_up", { collector: "dlq" })).toBe(1);
  });
});
