import { describe, expect, it } from "vitest";
import { RequestError, NETWORK_ERROR_STATUS } from "@/lib/query/request-error";
import { describeLiveQueryError } from "./describe-live-query-error";

describe("describeLiveQueryError", () => {
  const kafkaDown = new RequestError(503, "kafka_unavailable", "Kafka at 127.0.0.1:9092 is not reachable");

  it("names the configured brokers when Kafka is down", () => {
    expect(describeLiveQueryError(kafkaDown, "a:9092, b:9092", "topics")).toBe("Kafka at a:9092, b:9092 is not reachable — retrying");
  });

  it("falls back to the server's message when brokers are unknown", () => {
    expect(describeLiveQueryError(kafkaDown, undefined, "topics")).toBe("Kafka at 127.0.0.1:9092 is not reachable — retrying");
  });

  it("says the server itself is unreachable", () => {
    const error = new RequestError(NETWORK_ERROR_STATUS, "network_error", "The Redrive server is not reachable");
    expect(describeLiveQueryError(error, undefined, "topics")).toBe("The Redrive server is not reachable — retrying");
  });

  it("does not promise a retry for client errors", () => {
    const error = new RequestError(400, "bad_request", "Invalid topic name.");
    expect(describeLiveQueryError(error, undefined, "topic")).toBe("Could not load topic: Invalid topic name");
  });
});
