// The Grafana dashboard and the Prometheus rule examples in docs/ query only metrics /api/metrics exports: renaming a
// metric without updating them fails here.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { registry } from "./default-collectors";

const exported = new Set(registry.getMetricsAsArray().map((metric) => metric.name));
const docs = (path: string) => readFileSync(join(process.cwd(), "docs", path), "utf8");

/** Every expression of the dashboard: panel targets and template variable queries. */
function dashboardExpressions(): string[] {
  const dashboard = JSON.parse(docs("grafana/redrive-dashboard.json")) as {
    panels: { targets?: { expr: string }[] }[];
    templating: { list: { query: unknown }[] };
  };
  const targets = dashboard.panels.flatMap((panel) => panel.targets?.map((t) => t.expr) ?? []);
  const variables = dashboard.templating.list.flatMap((v) =>
    typeof v.query === "object" && v.query !== null ? [(v.query as { query: string }).query] : [],
  );
  return [...targets, ...variables];
}

const metricNames = (expressions: string[]) => [...new Set(expressions.flatMap((e) => e.match(/\bredrive_[a-z_]+\b/g) ?? []))];

describe("docs/ dashboards and rules", () => {
  it("the Grafana dashboard queries only exported metrics, and charts every Redrive metric", () => {
    const used = metricNames(dashboardExpressions());
    expect(used.filter((name) => !exported.has(name))).toEqual([]);
    const redriveMetrics = [...exported].filter((name) => name.startsWith("redrive_") && name !== "redrive_collector_duration_seconds");
    expect(redriveMetrics.filter((name) => !used.includes(name))).toEqual([]);
  });

  it("the Prometheus rule examples use only exported metrics", () => {
    const expressions = [...docs("prometheus/alerts.yml").matchAll(/^\s*expr: (.+)$/gm)].map((m) => m[1]!);
    expect(expressions.length).toBeGreaterThan(5);
    expect(metricNames(expressions).filter((name) => !exported.has(name))).toEqual([]);
  });
});
