import { describe, expect, it } from "vitest";
import { describeKafkaWait } from "./kafka-wait";

// Shaped like kafkajs's errors: the protocol error nested as `originalError`, the broker as a property.
function kafkaError(name: string, fields: Record<string, unknown>, originalError?: Error): Error {
  return Object.assign(new Error(name), { name, ...fields, originalError });
}

const nodes = new Map([["127.0.0.1:19893", 2]]);

describe("describeKafkaWait", () => {
  it("names the broker a connection error could not reach, with its node id when known", () => {
    const error = kafkaError("KafkaJSConnectionError", { broker: "127.0.0.1:19893", code: "ECONNREFUSED" });
    expect(describeKafkaWait(error, nodes)).toBe("waiting for broker 127.0.0.1:19893 (node 2)");
    expect(describeKafkaWait(error)).toBe("waiting for broker 127.0.0.1:19893");
  });

  it("finds the broker inside wrapping errors (retries exceeded, our own API error)", () => {
    const timeout = kafkaError("KafkaJSRequestTimeoutError", { broker: "127.0.0.1:19893" });
    const retries = kafkaError("KafkaJSNumberOfRetriesExceeded", {}, timeout);
    const ours = new Error("Kafka at a,b,c is not reachable", { cause: retries });
    expect(describeKafkaWait(ours, nodes)).toBe("waiting for broker 127.0.0.1:19893 (node 2)");
  });

  it("reads a closed connection's host and port", () => {
    const error = kafkaError("KafkaJSConnectionClosedError", { host: "kafka-3", port: 9092 });
    expect(describeKafkaWait(error)).toBe("waiting for broker kafka-3:9092");
  });

  it("names the partition without a leader when the error carries it", () => {
    const leader = kafkaError("KafkaJSProtocolError", { type: "LEADER_NOT_AVAILABLE" });
    const error = kafkaError("KafkaJSPartitionError", { topic: "orders", partition: 1 }, leader);
    expect(describeKafkaWait(error, nodes)).toBe("waiting for a leader of orders/1");
  });

  it("says nothing it does not know", () => {
    expect(describeKafkaWait(kafkaError("KafkaJSProtocolError", { type: "NOT_LEADER_OR_FOLLOWER" }))).toBeNull();
    expect(describeKafkaWait(new Error("boom"))).toBeNull();
    // A topic and partition on an error that is not about a leader (an offset out of range) is no leader wait.
    expect(
      describeKafkaWait(kafkaError("KafkaJSOffsetOutOfRange", { type: "OFFSET_OUT_OF_RANGE", topic: "orders", partition: 0 })),
    ).toBeNull();
    expect(describeKafkaWait("not an error")).toBeNull();
  });
});
