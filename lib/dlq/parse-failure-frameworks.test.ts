import { describe, expect, it } from "vitest";
import { str } from "./java-header.fixture";
import { parseFailureHeaders, type CustomHeaderMapping } from "./parse-failure";

describe("parseFailureHeaders: Kafka Connect", () => {
  it("reads decimal-string coordinates and the exception headers", () => {
    const failure = parseFailureHeaders([
      str("__connect.errors.topic", "crm.contacts"),
      str("__connect.errors.partition", "5"),
      str("__connect.errors.offset", "9223372036854775806"),
      str("__connect.errors.connector.name", "jdbc-sink"),
      str("__connect.errors.task.id", "0"),
      str("__connect.errors.stage", "VALUE_CONVERTER"),
      str("__connect.errors.class.name", "org.apache.kafka.connect.json.JsonConverter"),
      str("__connect.errors.exception.class.name", "org.apache.kafka.connect.errors.DataException"),
      str("__connect.errors.exception.message", "Converting byte[] to Kafka Connect data failed"),
      str("__connect.errors.exception.stacktrace", "org.apache.kafka.connect.errors.DataException: ..."),
    ]);
    expect(failure).toMatchObject({
      convention: "connect",
      originalTopic: "crm.contacts",
      originalPartition: 5,
      originalOffset: "9223372036854775806",
      exceptionClass: "org.apache.kafka.connect.errors.DataException",
      message: "Converting byte[] to Kafka Connect data failed",
      consumerGroup: null,
    });
  });
});

describe("parseFailureHeaders: Kafka Streams (KIP-1034)", () => {
  const streams = (exception: string) => [
    str("__streams.errors.exception", exception),
    str("__streams.errors.message", "Unexpected character at 0"),
    str("__streams.errors.stacktrace", "org.apache.kafka.common.errors.SerializationException: ..."),
    str("__streams.errors.topic", "clicks"),
    str("__streams.errors.partition", "1"),
    str("__streams.errors.offset", "314"),
  ];

  it("reads the __streams.errors.* headers", () => {
    expect(parseFailureHeaders(streams("org.apache.kafka.common.errors.SerializationException"))).toMatchObject({
      convention: "streams",
      exceptionClass: "org.apache.kafka.common.errors.SerializationException",
      message: "Unexpected character at 0",
      originalTopic: "clicks",
      originalPartition: 1,
      originalOffset: "314",
    });
  });

  it("keeps only the class from Kafka 4.0's exception.toString()", () => {
    const failure = parseFailureHeaders(streams("org.apache.kafka.common.errors.SerializationException: Unexpected character at 0"));
    expect(failure.exceptionClass).toBe("org.apache.kafka.common.errors.SerializationException");
  });
});

describe("parseFailureHeaders: Karafka", () => {
  it("reads source_* strings and leaves the reason unknown", () => {
    const failure = parseFailureHeaders([
      str("source_topic", "events"),
      str("source_partition", "0"),
      str("source_offset", "17"),
      str("source_consumer_group", "example_app_consumer"),
      str("source_attempts", "3"),
      str("source_trace_id", "7a1c"),
    ]);
    expect(failure).toEqual({
      convention: "karafka",
      exceptionClass: null,
      message: null,
      stacktrace: null,
      causeClass: null,
      originalTopic: "events",
      originalPartition: 0,
      originalOffset: "17",
      originalTimestamp: null,
      consumerGroup: "example_app_consumer",
      attempts: 3,
    });
  });
});

describe("parseFailureHeaders: SmallRye / Quarkus", () => {
  it("reads dead-letter-* strings", () => {
    const failure = parseFailureHeaders([
      str("dead-letter-exception-class-name", "java.lang.IllegalArgumentException"),
      str("dead-letter-cause-class-name", "java.lang.NumberFormatException"),
      str("dead-letter-reason", "Invalid amount '12,5'"),
      str("dead-letter-cause", 'For input string: "12,5"'),
      str("dead-letter-topic", "prices"),
      str("dead-letter-partition", "2"),
      str("dead-letter-offset", "99"),
    ]);
    expect(failure).toMatchObject({
      convention: "smallrye",
      exceptionClass: "java.lang.IllegalArgumentException",
      causeClass: "java.lang.NumberFormatException",
      message: "Invalid amount '12,5'",
      originalTopic: "prices",
      originalPartition: 2,
      originalOffset: "99",
    });
  });
});

describe("parseFailureHeaders: generic headers", () => {
  it("reads the common hand-written names", () => {
    const failure = parseFailureHeaders([
      str("dlq-original-topic", "shipments"),
      str("dlq-original-partition", "4"),
      str("dlq-original-offset", "12"),
      str("dlq-error-class", "ValidationError"),
      str("dlq-reason", "Missing field 'address'"),
      str("error", "a vaguer, less specific header"),
    ]);
    expect(failure).toMatchObject({
      convention: "generic",
      originalTopic: "shipments",
      originalPartition: 4,
      originalOffset: "12",
      exceptionClass: "ValidationError",
      message: "Missing field 'address'",
    });
  });

  it("falls back to the next name when a more specific one is blank or undecodable", () => {
    const failure = parseFailureHeaders([
      str("dlq-reason", "   "),
      { key: "x-error", value: Buffer.from([0xff, 0xfe]) },
      str("reason", "timeout"),
    ]);
    expect(failure).toMatchObject({ convention: "generic", message: "timeout" });
  });
});

describe("parseFailureHeaders: custom mappings", () => {
  const mapping: CustomHeaderMapping = {
    name: "acme",
    originalTopic: "acme-source",
    originalPartition: "acme-partition",
    originalOffset: "acme-offset",
    exceptionClass: "acme-error-type",
    message: "acme-error",
    consumerGroup: "acme-group",
  };

  it("wins over built-in conventions when any of its headers is present", () => {
    const failure = parseFailureHeaders(
      [
        str("kafka_dlt-original-topic", "ignored"),
        str("acme-source", "billing"),
        str("acme-partition", "1"),
        str("acme-offset", "9007199254740993"),
        str("acme-error-type", "QuotaExceeded"),
        str("acme-error", "Quota of 100 exceeded"),
        str("acme-group", "billing-workers"),
      ],
      [mapping],
    );
    expect(failure).toEqual({
      convention: "custom",
      exceptionClass: "QuotaExceeded",
      message: "Quota of 100 exceeded",
      stacktrace: null,
      causeClass: null,
      originalTopic: "billing",
      originalPartition: 1,
      originalOffset: "9007199254740993",
      originalTimestamp: null,
      consumerGroup: "billing-workers",
      attempts: null,
    });
  });

  it("is skipped when none of its headers is present, and the first matching mapping wins", () => {
    const other: CustomHeaderMapping = { name: "other", message: "why" };
    expect(parseFailureHeaders([str("error", "boom")], [mapping, other]).convention).toBe("generic");
    expect(parseFailureHeaders([str("why", "because")], [mapping, other])).toMatchObject({
      convention: "custom",
      message: "because",
    });
    expect(parseFailureHeaders([str("acme-error", "a"), str("why", "b")], [other, mapping]).message).toBe("b");
  });
});

describe("parseFailureHeaders: records without a convention", () => {
  it("is unknown with every field null", () => {
    const unknown = {
      convention: "unknown",
      exceptionClass: null,
      message: null,
      stacktrace: null,
      causeClass: null,
      originalTopic: null,
      originalPartition: null,
      originalOffset: null,
      originalTimestamp: null,
      consumerGroup: null,
      attempts: null,
    };
    expect(parseFailureHeaders([])).toEqual(unknown);
    expect(parseFailureHeaders([str("traceparent", "00-abc-01"), { key: "content-type", value: null }])).toEqual(unknown);
  });
});
