// DLQ records as Spring Kafka's DeadLetterPublishingRecoverer writes them (header names and binary encodings:
// 4-byte partition, 8-byte offset and timestamp), for seeding a real broker in e2e and integration tests.
import { javaInt as int32, javaLong as int64 } from "@/lib/dlq/java-header.fixture";
import type { SeedRecord } from "./kafka-seed";

export interface SpringFailure {
  originalTopic: string;
  exceptionClass: string;
  message: string;
  stacktrace?: string;
  originalPartition?: number;
  originalOffset?: bigint;
  consumerGroup?: string;
  key?: Buffer | string | null;
  value: Buffer | string | null;
  partition?: number;
  /** Extra headers after Spring's, in order. */
  extraHeaders?: readonly (readonly [string, Buffer | string | null])[];
}

export function springDltRecord(f: SpringFailure): SeedRecord {
  const stack =
    f.stacktrace ??
    `${f.exceptionClass}: ${f.message}\n\tat com.example.orders.OrderHandler.handle(OrderHandler.java:42)\n\tat org.springframework.kafka.listener.KafkaMessageListenerContainer.doInvokeRecordListener(KafkaMessageListenerContainer.java:2893)`;
  return {
    partition: f.partition ?? 0,
    key: f.key ?? null,
    value: f.value,
    headers: [
      ["kafka_dlt-original-topic", f.originalTopic],
      ["kafka_dlt-original-partition", int32(f.originalPartition ?? 0)],
      ["kafka_dlt-original-offset", int64(f.originalOffset ?? 0n)],
      ["kafka_dlt-original-timestamp", int64(BigInt(Date.now() - 60_000))],
      ["kafka_dlt-original-timestamp-type", "CreateTime"],
      ["kafka_dlt-original-consumer-group", f.consumerGroup ?? "orders-service"],
      ["kafka_dlt-exception-fqcn", f.exceptionClass],
      ["kafka_dlt-exception-message", f.message],
      ["kafka_dlt-exception-stacktrace", stack],
      ...(f.extraHeaders ?? []),
    ],
  };
}
