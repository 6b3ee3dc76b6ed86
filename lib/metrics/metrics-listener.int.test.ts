// The metrics-only listener with a real store and the real broker: an allowed peer scrapes Prometheus text without a
// token; a peer outside the allow-list gets 403 naming its address; the port serves GET /metrics and nothing else.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uniqueName } from "@/e2e/support/kafka-seed";
import { parseAllowList } from "@/lib/net/allow-list";
import type { Store } from "@/lib/store/open-store";
import { seedDlqRows } from "@/test/dlq-fixtures";
import { parsePrometheusText, sampleValue } from "@/test/prometheus-text";
import { openTestStore, storeBackends } from "@/test/store-backends";
import { startMetricsListener, type MetricsListener } from "./metrics-listener";

process.env.REDRIVE_DATA_DIR = mkdtempSync(join(tmpdir(), "redrive-metrics-listener-"));
delete process.env.DATABASE_URL;
const { metricsContentType, renderMetrics } = await import("./default-collectors");

const [backend] = await storeBackends();

describe("the metrics listener", () => {
  let store: Store;
  let dispose: () => Promise<void>;
  const listeners: MetricsListener[] = [];
  const listen = async (allow: string) => {
    const listener = await startMetricsListener({
      host: "127.0.0.1",
      port: 0,
      allow: parseAllowList(allow),
      contentType: metricsContentType,
      render: () => renderMetrics(store),
    });
    listeners.push(listener);
    return listener.url;
  };
  beforeAll(async () => {
    ({ store, dispose } = await openTestStore(backend!));
  });
  afterAll(async () => {
    await Promise.all(listeners.map((l) => l.close()));
    await dispose();
  });

  it("serves an allowed peer the metrics without a token", async () => {
    const dlq = `${uniqueName("listener-orders")}.DLT`;
    await seedDlqRows(store, { topic: dlq, exceptionClass: "com.shop.Declined", count: 3, timestampMs: Date.now() });
    const url = await listen("10.0.0.0/8, 127.0.0.0/8");
    const response = await fetch(`${url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe(metricsContentType);
    const samples = parsePrometheusText(await response.text());
    expect(sampleValue(samples, "redrive_dlq_messages", { cluster: "default", topic: dlq, status: "pending" })).toBe(3);
    expect(sampleValue(samples, "redrive_kafka_up", { cluster: "default" })).toBe(1);
  });

  it("refuses a peer outside the allow-list with 403 naming its address", async () => {
    const url = await listen("10.0.0.0/8, ::1");
    const response = await fetch(`${url}/metrics`);
    expect(response.status).toBe(403);
    expect(await response.text()).toBe("127.0.0.1 is not in REDRIVE_METRICS_ALLOW\n");
  });

  it("serves GET /metrics only", async () => {
    const url = await listen("127.0.0.1");
    const other = await fetch(`${url}/api/clusters`);
    expect(other.status).toBe(404);
    expect(await other.text()).toMatch(/serves GET \/metrics only/);
    const post = await fetch(`${url}/metrics`, { method: "POST", body: "x" });
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET, HEAD");
    expect((await fetch(`${url}/metrics?name[]=x`)).status).toBe(200);
  });

  it("says why when its port cannot be bound", async () => {
    const taken = new URL(await listen("127.0.0.1")).port;
    await expect(
      startMetricsListener({
        host: "127.0.0.1",
        port: Number(taken),
        allow: parseAllowList("127.0.0.1"),
        contentType: metricsContentType,
        render: () => renderMetrics(store),
      }),
    ).rejects.toThrow(/EADDRINUSE/);
  });
});
