// The failure-header conventions DLQ producers write: exact names, number encodings, precedence.
import type { NumberEncoding } from "./header-number";

export type BuiltInConvention =
  "spring-dlt" | "spring-retry" | "spring-cloud-stream" | "connect" | "streams" | "karafka" | "smallrye" | "generic";

export type FailureConvention = BuiltInConvention | "custom" | "unknown";

/** Per field, candidate header names; the first one holding a usable value wins. */
export interface OriginHeaders {
  originalTopic?: readonly string[];
  originalPartition?: readonly string[];
  originalOffset?: readonly string[];
  originalTimestamp?: readonly string[];
  consumerGroup?: readonly string[];
  attempts?: readonly string[];
}

export interface ReasonHeaders {
  exceptionClass?: readonly string[];
  causeClass?: readonly string[];
  message?: readonly string[];
  stacktrace?: readonly string[];
}

export interface ConventionSpec {
  convention: BuiltInConvention;
  /** How partition, offset, timestamp and attempts are written. */
  numbers: NumberEncoding;
  origin: OriginHeaders;
  /** Alternatives in order: the first group with any header present supplies the whole reason. */
  reasons: readonly ReasonHeaders[];
  /** Headers the convention writes that fill no field but still identify it. */
  markers?: readonly string[];
}

// Spring writes retry_topic-attempts on retry-topic records and on the DLT record they end in.
const SPRING_ATTEMPTS = ["retry_topic-attempts"];

/**
 * Tried in this order; the first convention with any of its headers present is the record's.
 * Spring DLT first: a record that went through retry topics into the DLT carries both Spring
 * sets, and the DLT set describes the final failure. Framework-reserved prefixes (`__connect.`,
 * `__streams.`) come before the looser `dead-letter-*` and `source_*` names, and the generic
 * names, which any hand-written producer may use, come last.
 */
export const FAILURE_CONVENTIONS: readonly ConventionSpec[] = [
  {
    convention: "spring-dlt",
    numbers: "binary",
    origin: {
      originalTopic: ["kafka_dlt-original-topic"],
      originalPartition: ["kafka_dlt-original-partition"],
      originalOffset: ["kafka_dlt-original-offset"],
      originalTimestamp: ["kafka_dlt-original-timestamp"],
      consumerGroup: ["kafka_dlt-original-consumer-group"],
      attempts: SPRING_ATTEMPTS,
    },
    // Key deserialisation failures only fill in when the value failure headers are absent.
    reasons: [
      {
        exceptionClass: ["kafka_dlt-exception-fqcn"],
        causeClass: ["kafka_dlt-exception-cause-fqcn"],
        message: ["kafka_dlt-exception-message"],
        stacktrace: ["kafka_dlt-exception-stacktrace"],
      },
      {
        exceptionClass: ["kafka_dlt-key-exception-fqcn"],
        causeClass: ["kafka_dlt-key-exception-cause-fqcn"],
        message: ["kafka_dlt-key-exception-message"],
        stacktrace: ["kafka_dlt-key-exception-stacktrace"],
      },
    ],
    markers: ["kafka_dlt-original-timestamp-type"],
  },
  {
    convention: "spring-retry",
    numbers: "binary",
    origin: {
      originalTopic: ["kafka_original-topic"],
      originalPartition: ["kafka_original-partition"],
      originalOffset: ["kafka_original-offset"],
      originalTimestamp: ["kafka_original-timestamp"],
      attempts: SPRING_ATTEMPTS,
    },
    reasons: [
      {
        exceptionClass: ["kafka_exception-fqcn"],
        causeClass: ["kafka_exception-cause-fqcn"],
        message: ["kafka_exception-message"],
        stacktrace: ["kafka_exception-stacktrace"],
      },
    ],
    markers: ["kafka_original-timestamp-type", "retry_topic-backoff-timestamp", "retry_topic-original-timestamp"],
  },
  {
    convention: "spring-cloud-stream",
    numbers: "binary",
    origin: {
      originalTopic: ["x-original-topic"],
      originalPartition: ["x-original-partition"],
      originalOffset: ["x-original-offset"],
      originalTimestamp: ["x-original-timestamp"],
    },
    reasons: [
      {
        exceptionClass: ["x-exception-fqcn"],
        message: ["x-exception-message"],
        stacktrace: ["x-exception-stacktrace"],
      },
    ],
    markers: ["x-original-timestamp-type"],
  },
  {
    convention: "connect",
    numbers: "decimal",
    origin: {
      originalTopic: ["__connect.errors.topic"],
      originalPartition: ["__connect.errors.partition"],
      originalOffset: ["__connect.errors.offset"],
    },
    reasons: [
      {
        exceptionClass: ["__connect.errors.exception.class.name"],
        message: ["__connect.errors.exception.message"],
        stacktrace: ["__connect.errors.exception.stacktrace"],
      },
    ],
    // class.name is the connector, converter or transform class that failed, not the exception.
    markers: ["__connect.errors.connector.name", "__connect.errors.task.id", "__connect.errors.stage", "__connect.errors.class.name"],
  },
  {
    convention: "streams",
    numbers: "decimal",
    origin: {
      originalTopic: ["__streams.errors.topic"],
      originalPartition: ["__streams.errors.partition"],
      originalOffset: ["__streams.errors.offset"],
    },
    reasons: [
      {
        exceptionClass: ["__streams.errors.exception"],
        message: ["__streams.errors.message"],
        stacktrace: ["__streams.errors.stacktrace"],
      },
    ],
  },
  {
    convention: "smallrye",
    numbers: "decimal",
    origin: {
      originalTopic: ["dead-letter-topic"],
      originalPartition: ["dead-letter-partition"],
      originalOffset: ["dead-letter-offset"],
    },
    reasons: [
      {
        exceptionClass: ["dead-letter-exception-class-name"],
        causeClass: ["dead-letter-cause-class-name"],
        message: ["dead-letter-reason"],
      },
    ],
    // The cause's message: shown with the other headers, no field of its own.
    markers: ["dead-letter-cause"],
  },
  {
    convention: "karafka",
    numbers: "decimal",
    origin: {
      originalTopic: ["source_topic"],
      originalPartition: ["source_partition"],
      originalOffset: ["source_offset"],
      consumerGroup: ["source_consumer_group"],
      attempts: ["source_attempts"],
    },
    // Karafka records no exception, so the reason stays unknown.
    reasons: [],
    markers: ["source_key", "source_trace_id"],
  },
  {
    convention: "generic",
    numbers: "decimal",
    origin: {
      originalTopic: ["dlq-original-topic", "x-dlq-original-topic", "original-topic", "original_topic", "source-topic"],
      originalPartition: ["dlq-original-partition", "x-dlq-original-partition", "original-partition", "original_partition"],
      originalOffset: ["dlq-original-offset", "x-dlq-original-offset", "original-offset", "original_offset"],
      originalTimestamp: ["dlq-original-timestamp", "x-dlq-original-timestamp", "original-timestamp", "original_timestamp"],
      consumerGroup: ["dlq-consumer-group", "x-dlq-consumer-group", "original-consumer-group", "consumer-group"],
      attempts: ["dlq-attempts", "x-dlq-attempts", "dlq-retry-count", "x-retry-count", "retry-count"],
    },
    reasons: [
      {
        exceptionClass: [
          "dlq-error-class",
          "x-dlq-error-class",
          "dlq-exception-class",
          "x-exception-class",
          "exception-class",
          "error-class",
        ],
        causeClass: ["dlq-cause-class", "x-dlq-cause-class", "cause-class"],
        // Most specific first: "error" and "reason" are names anyone may use for anything.
        message: [
          "dlq-reason",
          "x-dlq-reason",
          "dlq-error-message",
          "x-dlq-error-message",
          "dlq-error",
          "x-error-message",
          "x-error",
          "error-message",
          "exception-message",
          "error",
          "reason",
        ],
        stacktrace: ["dlq-stacktrace", "x-dlq-stacktrace", "x-stacktrace", "exception-stacktrace", "stacktrace"],
      },
    ],
  },
];

/** Every header a convention writes, e.g. to strip them before a redelivery. */
export function conventionHeaderNames(spec: ConventionSpec): string[] {
  const fields: (OriginHeaders | ReasonHeaders)[] = [spec.origin, ...spec.reasons];
  const names = fields.flatMap((group) => Object.values(group).flatMap((candidates) => candidates ?? []));
  return [...new Set([...names, ...(spec.markers ?? [])])];
}
