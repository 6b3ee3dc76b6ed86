import { describe, expect, it } from "vitest";
import { conventionHeaderNames, FAILURE_CONVENTIONS } from "./failure-conventions";

describe("FAILURE_CONVENTIONS", () => {
  it("lists each built-in convention once, most specific first", () => {
    expect(FAILURE_CONVENTIONS.map((spec) => spec.convention)).toEqual([
      "spring-dlt",
      "spring-retry",
      "spring-cloud-stream",
      "connect",
      "streams",
      "smallrye",
      "karafka",
      "generic",
    ]);
  });

  it("gives no header to two conventions, except Spring's shared attempts header", () => {
    const owners = new Map<string, string[]>();
    for (const spec of FAILURE_CONVENTIONS) {
      for (const name of conventionHeaderNames(spec)) owners.set(name, [...(owners.get(name) ?? []), spec.convention]);
    }
    const shared = [...owners].filter(([, conventions]) => conventions.length > 1);
    expect(shared).toEqual([["retry_topic-attempts", ["spring-dlt", "spring-retry"]]]);
  });

  it("keeps DESIGN.md's exact header names", () => {
    const names = FAILURE_CONVENTIONS.flatMap(conventionHeaderNames);
    expect(names).toEqual(
      expect.arrayContaining([
        "kafka_dlt-original-topic",
        "kafka_dlt-original-partition",
        "kafka_dlt-original-offset",
        "kafka_dlt-original-timestamp",
        "kafka_dlt-original-consumer-group",
        "kafka_dlt-exception-fqcn",
        "kafka_dlt-exception-cause-fqcn",
        "kafka_dlt-exception-message",
        "kafka_dlt-exception-stacktrace",
        "kafka_original-topic",
        "kafka_exception-fqcn",
        "retry_topic-attempts",
        "x-original-topic",
        "x-original-partition",
        "x-original-offset",
        "x-original-timestamp",
        "x-exception-fqcn",
        "__connect.errors.topic",
        "__connect.errors.exception.class.name",
        "__connect.errors.connector.name",
        "__streams.errors.exception",
        "__streams.errors.offset",
        "source_topic",
        "source_attempts",
        "dead-letter-topic",
        "dead-letter-exception-class-name",
        "dead-letter-reason",
        "dead-letter-cause",
        "dlq-original-topic",
        "x-dlq-original-topic",
        "dlq-reason",
        "dlq-error-class",
        "x-error",
        "error",
        "reason",
      ]),
    );
  });
});
