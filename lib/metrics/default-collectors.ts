// The collectors /api/metrics serves. A new source of metrics is a MetricsCollector in lib/metrics/ added to this list.
import "server-only";
import { actionsCollector } from "./actions-collector";
import { dlqCollector } from "./dlq-collector";
import { jobsCollector } from "./jobs-collector";
import { kafkaCollector } from "./kafka-collector";
import { registerCollector } from "./registry";

for (const collector of [dlqCollector, kafkaCollector, actionsCollector, jobsCollector]) registerCollector(collector);

export { metricsContentType, registry, renderMetrics } from "./registry";
