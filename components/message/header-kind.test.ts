import { describe, expect, it } from "vitest";
import { headerKind } from "./header-kind";

describe("headerKind", () => {
  it("marks framework failure headers whatever the convention", () => {
    expect(headerKind("kafka_dlt-exception-message", "unknown")).toBe("failure");
    expect(headerKind("__connect.errors.topic", "spring-dlt")).toBe("failure");
    expect(headerKind("__streams.errors.stacktrace", "generic")).toBe("failure");
    expect(headerKind("retry_topic-attempts", "spring-retry")).toBe("failure");
  });

  it("marks loose names only under the convention that uses them", () => {
    expect(headerKind("error", "generic")).toBe("failure");
    expect(headerKind("error", "spring-dlt")).toBe("application");
    expect(headerKind("source_topic", "karafka")).toBe("failure");
    expect(headerKind("dead-letter-reason", "smallrye")).toBe("failure");
    expect(headerKind("x-original-topic", "spring-cloud-stream")).toBe("failure");
  });

  it("marks the headers Redrive adds on redelivery", () => {
    expect(headerKind("x-redrive-source", "spring-dlt")).toBe("redrive");
    expect(headerKind("x-redrive-id", "unknown")).toBe("redrive");
  });

  it("leaves the application's headers alone", () => {
    expect(headerKind("traceparent", "spring-dlt")).toBe("application");
    expect(headerKind("content-type", "unknown")).toBe("application");
  });
});
