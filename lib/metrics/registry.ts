// The metrics /api/metrics serves: a prom-client registry filled by collectors at scrape time. A collector owns a
// few metrics and sets them from the store or Kafka when asked; one that fails is reported by
// redrive_collector_up{collector="…"} 0 and its metrics are left empty, so one broken source never fails the scrape.
// Another part of Redrive adds its metrics by calling registerCollector (see lib/metrics/default-collectors.ts).
import "server-only";
import { collectDefaultMetrics, Gauge, Registry, type Metric } from "prom-client";
import type { Store } from "@/lib/store/open-store";

export interface CollectContext {
  store: Store;
  now: Date;
}

export interface MetricsCollector {
  /** The collector's label in redrive_collector_up and redrive_collector_duration_seconds. */
  name: string;
  /** Its metrics, created with `registers: []`; the registry takes them in. */
  metrics: Metric[];
  /** Sets its metrics for this scrape (resetting what it set last time). */
  collect(context: CollectContext): Promise<void>;
}

export const registry = new Registry();
collectDefaultMetrics({ register: registry });

const collectorUp = new Gauge({
  name: "redrive_collector_up",
  help: "1 when the collector's last scrape succeeded, 0 when it failed",
  labelNames: ["collector"],
  registers: [registry],
});
const collectorDuration = new Gauge({
  name: "redrive_collector_duration_seconds",
  help: "How long the collector took in the last scrape",
  labelNames: ["collector"],
  registers: [registry],
});

const collectors: MetricsCollector[] = [];

export function registerCollector(collector: MetricsCollector): void {
  if (collectors.some((c) => c.name === collector.name)) return;
  collectors.push(collector);
  for (const metric of collector.metrics) registry.registerMetric(metric);
}

async function runCollector(collector: MetricsCollector, context: CollectContext): Promise<void> {
  const started = performance.now();
  try {
    await collector.collect(context);
    collectorUp.set({ collector: collector.name }, 1);
  } catch {
    for (const metric of collector.metrics) metric.reset();
    collectorUp.set({ collector: collector.name }, 0);
  }
  collectorDuration.set({ collector: collector.name }, (performance.now() - started) / 1000);
}

let inFlight: Promise<string> | undefined;

/**
 * The Prometheus text of every registered collector. Scrapes that arrive while one is being collected share its
 * answer: collectors reset and refill shared metrics, so two running at once would interleave.
 */
export function renderMetrics(store: Store): Promise<string> {
  inFlight ??= (async () => {
    try {
      const context = { store, now: new Date() };
      await Promise.all(collectors.map((c) => runCollector(c, context)));
      return await registry.metrics();
    } finally {
      inFlight = undefined;
    }
  })();
  return inFlight;
}

export const metricsContentType = registry.contentType;
