import { describe, expect, it } from "vitest";
import { parseFailureHeaders } from "@/lib/dlq/parse-failure";
import { dltHeaders, javaInt, javaLong, type DltFailure } from "./dlt-headers";

const failure: DltFailure = {
  originalTopic: "demo.offers.banner",
  originalPartition: 2,
  originalOffset: 9_007_199_254_740_993n,
  originalTimestamp: 1_767_225_600_000n,
  consumerGroup: "demo-offers-worker",
  exceptionClass: "OfferRejectedError",
  causeClass: null,
  message: "Banner size 970x250 of offer o-1 is not a supported IAB size",
  stacktrace: "OfferRejectedError: Banner size …\n    at banner (offer-handlers.ts:61:11)",
  attempts: 1,
};

describe("Java encodings", () => {
  it("writes ints as 4 and longs as 8 big-endian bytes", () => {
    expect([...javaInt(2)]).toEqual([0, 0, 0, 2]);
    expect([...javaInt(-1)]).toEqual([0xff, 0xff, 0xff, 0xff]);
    expect([...javaLong(258n)]).toEqual([0, 0, 0, 0, 0, 0, 1, 2]);
    expect(javaLong(9_007_199_254_740_993n).toString("hex")).toBe("0020000000000001");
  });
});

describe("dltHeaders", () => {
  it("uses Spring's header names and encodings", () => {
    const headers = new Map(dltHeaders(failure).map((h) => [h.key, h.value]));
    expect(headers.get("kafka_dlt-original-topic")?.toString()).toBe("demo.offers.banner");
    expect(headers.get("kafka_dlt-original-partition")).toEqual(javaInt(2));
    expect(headers.get("kafka_dlt-original-offset")).toEqual(javaLong(9_007_199_254_740_993n));
    expect(headers.get("kafka_dlt-original-timestamp")).toEqual(javaLong(1_767_225_600_000n));
    expect(headers.get("kafka_dlt-original-timestamp-type")?.toString()).toBe("CreateTime");
    expect(headers.get("kafka_dlt-original-consumer-group")?.toString()).toBe("demo-offers-worker");
    expect(headers.get("kafka_dlt-exception-fqcn")?.toString()).toBe("OfferRejectedError");
    expect(headers.get("retry_topic-attempts")).toEqual(javaInt(1));
    expect(headers.has("kafka_dlt-exception-cause-fqcn")).toBe(false);
  });

  it("is read by the console as a Spring DLT failure, every field intact", () => {
    const parsed = parseFailureHeaders(dltHeaders({ ...failure, causeClass: "DependencyUnavailableError", attempts: 4 }));
    expect(parsed).toEqual({
      convention: "spring-dlt",
      exceptionClass: "OfferRejectedError",
      causeClass: "DependencyUnavailableError",
      message: failure.message,
      stacktrace: failure.stacktrace,
      originalTopic: "demo.offers.banner",
      originalPartition: 2,
      originalOffset: "9007199254740993",
      originalTimestamp: "2026-01-01T00:00:00.000Z",
      consumerGroup: "demo-offers-worker",
      attempts: 4,
    });
  });
});
