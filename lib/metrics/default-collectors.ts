// The collectors /api/metrics serves. A new source of metrics (bulk job progress, say) is a MetricsCollector in
// lib/metrics/ added to this list.
import "server-only";
import { actionsCollector } from "./actions-collector";
import { dlqCollector } from "./dlq-collector";
import { kafkaCollector } from "./kafka-collector";
import { registerCollector } from "./registry";

for (const collector of [dlqCollector, kafkaCollector, actionsCollector]) registerCollector(collector);

export { metricsContentType, registry, renderMetrics } from "./registry";
