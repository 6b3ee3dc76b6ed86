// The worker's Prometheus metrics, in a registry of its own (GET /metrics).
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

export class ConsumerMetrics {
  readonly registry = new Registry();
  readonly processed = new Counter({
    name: "demo_consumer_messages_processed_total",
    help: "Messages processed and stored (applied), by topic",
    labelNames: ["topic"],
    registers: [this.registry],
  });
  readonly failedAttempts = new Counter({
    name: "demo_consumer_failed_attempts_total",
    help: "Processing attempts that failed, retried ones included, by topic and error",
    labelNames: ["topic", "error"],
    registers: [this.registry],
  });
  readonly deadLettered = new Counter({
    name: "demo_consumer_messages_dead_lettered_total",
    help: "Messages sent to the DLT (committed), by topic and exception",
    labelNames: ["topic", "exception"],
    registers: [this.registry],
  });
  readonly duplicates = new Counter({
    name: "demo_consumer_duplicates_skipped_total",
    help: "Messages not applied because their message id or x-redrive-id was processed already, by topic",
    labelNames: ["topic"],
    registers: [this.registry],
  });
  readonly processingSeconds = new Histogram({
    name: "demo_consumer_processing_seconds",
    help: "Time from picking a message up to its outcome, retries included, by topic and outcome",
    labelNames: ["topic", "outcome"],
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly inFlight = new Gauge({
    name: "demo_consumer_messages_in_flight",
    help: "Messages being processed right now (bounded by DEMO_CONSUMER_MAX_IN_FLIGHT)",
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: "demo_consumer_" });
  }
}
