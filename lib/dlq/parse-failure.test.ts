import { describe, expect, it } from "vitest";
import { int, long, str } from "./java-header.fixture";
import { parseFailureHeaders } from "./parse-failure";

const ABOVE_2_53 = 9_007_199_254_740_993n;
const TS = 1_795_426_200_000n;
const TS_ISO = "2026-11-23T09:30:00.000Z";

const springDlt = [
  str("kafka_dlt-exception-fqcn", "org.springframework.kafka.listener.ListenerExecutionFailedException"),
  str("kafka_dlt-exception-cause-fqcn", "com.acme.OrderNotFoundException"),
  str("kafka_dlt-exception-message", "Order 123 not found"),
  str("kafka_dlt-exception-stacktrace", "com.acme.OrderNotFoundException: Order 123 not found\n\tat com.acme.Orders.get"),
  str("kafka_dlt-original-topic", "orders"),
  int("kafka_dlt-original-partition", 3),
  long("kafka_dlt-original-offset", ABOVE_2_53),
  long("kafka_dlt-original-timestamp", TS),
  str("kafka_dlt-original-timestamp-type", "CreateTime"),
  str("kafka_dlt-original-consumer-group", "order-service"),
];

describe("parseFailureHeaders: Spring Kafka DLT", () => {
  it("reads every field from Spring's binary encodings, keeping an offset above 2^53 exact", () => {
    expect(parseFailureHeaders(springDlt)).toEqual({
      convention: "spring-dlt",
      exceptionClass: "org.springframework.kafka.listener.ListenerExecutionFailedException",
      message: "Order 123 not found",
      stacktrace: "com.acme.OrderNotFoundException: Order 123 not found\n\tat com.acme.Orders.get",
      causeClass: "com.acme.OrderNotFoundException",
      originalTopic: "orders",
      originalPartition: 3,
      originalOffset: "9007199254740993",
      originalTimestamp: TS_ISO,
      consumerGroup: "order-service",
      attempts: null,
    });
  });

  it("reads partition, offset and timestamp written as decimal text", () => {
    const failure = parseFailureHeaders([
      str("kafka_dlt-original-topic", "orders"),
      str("kafka_dlt-original-partition", "3"),
      str("kafka_dlt-original-offset", "9007199254740993"),
      str("kafka_dlt-original-timestamp", TS.toString()),
    ]);
    expect(failure).toMatchObject({ originalPartition: 3, originalOffset: "9007199254740993", originalTimestamp: TS_ISO });
  });

  it("fills the failure from key exception headers when the value ones are absent", () => {
    const failure = parseFailureHeaders([
      str("kafka_dlt-original-topic", "orders"),
      str("kafka_dlt-key-exception-fqcn", "org.apache.kafka.common.errors.SerializationException"),
      str("kafka_dlt-key-exception-message", "Can't deserialize key"),
      str("kafka_dlt-key-exception-stacktrace", "trace"),
    ]);
    expect(failure).toMatchObject({
      convention: "spring-dlt",
      exceptionClass: "org.apache.kafka.common.errors.SerializationException",
      message: "Can't deserialize key",
      stacktrace: "trace",
    });
  });

  it("prefers the value failure over a key failure, without mixing the two", () => {
    const failure = parseFailureHeaders([
      str("kafka_dlt-exception-fqcn", "com.acme.ValueError"),
      str("kafka_dlt-key-exception-fqcn", "com.acme.KeyError"),
      str("kafka_dlt-key-exception-message", "key message"),
    ]);
    expect(failure).toMatchObject({ exceptionClass: "com.acme.ValueError", message: null });
  });

  it("takes the last occurrence of duplicated headers", () => {
    const failure = parseFailureHeaders([
      ...springDlt,
      str("kafka_dlt-exception-message", "Order 456 not found"),
      int("kafka_dlt-original-partition", 9),
    ]);
    expect(failure).toMatchObject({ message: "Order 456 not found", originalPartition: 9 });
  });

  it("wins over Spring retry-topic headers on the same record, taking its attempts from them", () => {
    const failure = parseFailureHeaders([
      str("kafka_original-topic", "orders-retry-0"),
      int("kafka_original-partition", 1),
      str("kafka_exception-fqcn", "com.acme.RetryError"),
      int("retry_topic-attempts", 4),
      ...springDlt,
    ]);
    expect(failure).toMatchObject({
      convention: "spring-dlt",
      originalTopic: "orders",
      originalPartition: 3,
      exceptionClass: "org.springframework.kafka.listener.ListenerExecutionFailedException",
      attempts: 4,
    });
  });
});

describe("parseFailureHeaders: Spring retry topics", () => {
  it("reads the kafka_original-* set and retry_topic-attempts in both of Spring's widths", () => {
    const headers = [
      str("kafka_original-topic", "payments"),
      int("kafka_original-partition", 0),
      long("kafka_original-offset", 42n),
      long("kafka_original-timestamp", TS),
      str("kafka_exception-fqcn", "java.lang.IllegalStateException"),
      str("kafka_exception-message", "Payment 77 declined"),
      str("kafka_exception-stacktrace", "java.lang.IllegalStateException: ..."),
      int("retry_topic-attempts", 3),
    ];
    expect(parseFailureHeaders(headers)).toEqual({
      convention: "spring-retry",
      exceptionClass: "java.lang.IllegalStateException",
      message: "Payment 77 declined",
      stacktrace: "java.lang.IllegalStateException: ...",
      causeClass: null,
      originalTopic: "payments",
      originalPartition: 0,
      originalOffset: "42",
      originalTimestamp: TS_ISO,
      consumerGroup: null,
      attempts: 3,
    });
    const oldSpring = [...headers.slice(0, -1), { key: "retry_topic-attempts", value: Buffer.from([2]) }];
    expect(parseFailureHeaders(oldSpring).attempts).toBe(2);
  });

  it("does not take an attempts header alone for a convention", () => {
    expect(parseFailureHeaders([int("retry_topic-attempts", 2)]).convention).toBe("unknown");
  });
});

describe("parseFailureHeaders: Spring Cloud Stream", () => {
  it("reads x-original-* with binary partition and offset", () => {
    const failure = parseFailureHeaders([
      str("x-original-topic", "invoices"),
      int("x-original-partition", 2),
      long("x-original-offset", 1_000n),
      long("x-original-timestamp", TS),
      str("x-exception-fqcn", "org.springframework.messaging.MessagingException"),
      str("x-exception-message", "Invoice INV-9 rejected"),
      str("x-exception-stacktrace", "stack"),
      // A generic header on the same record must not change the convention.
      str("error", "something else"),
    ]);
    expect(failure).toMatchObject({
      convention: "spring-cloud-stream",
      originalTopic: "invoices",
      originalPartition: 2,
      originalOffset: "1000",
      originalTimestamp: TS_ISO,
      exceptionClass: "org.springframework.messaging.MessagingException",
      message: "Invoice INV-9 rejected",
      stacktrace: "stack",
    });
  });
});
