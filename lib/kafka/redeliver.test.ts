// Which failed sends Kafka certainly did not write (released at once) and which may have landed (checked in the target).
import * as kafkajs from "kafkajs";
import { KafkaJSNumberOfRetriesExceeded, KafkaJSProtocolError, KafkaJSRequestTimeoutError } from "kafkajs";
import { describe, expect, it } from "vitest";
import { NotWrittenError, sendRefusal } from "./redeliver";

// Exported by kafkajs, though its type declarations leave it out.
const { KafkaJSConnectionClosedError } = kafkajs as unknown as { KafkaJSConnectionClosedError: new (message: string) => Error };
const retriesExceeded = (cause: Error) => new KafkaJSNumberOfRetriesExceeded(cause, { retryCount: 2, retryTime: 1_000 } as never);
const protocolError = (type: string, retriable = false) => new KafkaJSProtocolError({ type, code: 0, retriable, message: type } as never);

describe("sendRefusal", () => {
  it("knows the answers a broker gives before it appends: nothing was written", () => {
    expect(sendRefusal(protocolError("MESSAGE_TOO_LARGE"), "orders")).toMatchObject({ kind: "payload_too_large", nothingWritten: true });
    expect(sendRefusal(protocolError("TOPIC_AUTHORIZATION_FAILED"), "orders")).toMatchObject({
      kind: "kafka_error",
      message: 'Redrive is not authorised to write to topic "orders"',
    });
    const invalid = sendRefusal(protocolError("INVALID_RECORD"), "orders");
    expect(invalid).toBeInstanceOf(NotWrittenError);
    expect(invalid!.message).toContain('Topic "orders" refused the record');
    // kafkajs wraps the last answer of a retried request; a refusal there is still a refusal.
    expect(sendRefusal(retriesExceeded(protocolError("RECORD_LIST_TOO_LARGE")), "orders")).toMatchObject({ kind: "payload_too_large" });
  });

  it("leaves everything else to be looked for: a lost connection, a timeout, an append whose replication failed", () => {
    expect(sendRefusal(new KafkaJSConnectionClosedError("Closed connection"), "orders")).toBeNull();
    expect(sendRefusal(new KafkaJSRequestTimeoutError("Request Produce(key: 0, version: 7) timed out"), "orders")).toBeNull();
    expect(sendRefusal(protocolError("NOT_ENOUGH_REPLICAS_AFTER_APPEND", true), "orders")).toBeNull();
    expect(sendRefusal(protocolError("REQUEST_TIMED_OUT", true), "orders")).toBeNull();
    expect(sendRefusal(retriesExceeded(protocolError("NOT_LEADER_OR_FOLLOWER", true)), "orders")).toBeNull();
    expect(sendRefusal(new Error("the broker did not say where the record went"), "orders")).toBeNull();
  });
});
