import { describe, expect, it } from "vitest";
import { DEFAULT_DLQ_PATTERN } from "@/lib/env-schema";
import { isDlqTopic, isInternalTopic } from "./topic-pattern";

const pattern = new RegExp(DEFAULT_DLQ_PATTERN, "i");

describe("isDlqTopic with the default pattern", () => {
  it.each(["orders.DLT", "orders-dlq", "dlq.orders", "payments_dead_letter", "orders.dead-letter", "billing.retry.DLQ"])(
    "marks %s",
    (name) => expect(isDlqTopic(name, pattern)).toBe(true),
  );
  it.each(["sandlot", "orders", "dltx.orders", "headlquarters", "__consumer_offsets"])("does not mark %s", (name) =>
    expect(isDlqTopic(name, pattern)).toBe(false),
  );
});

describe("isInternalTopic", () => {
  it("marks Kafka's and the ecosystem's own topics", () => {
    expect(isInternalTopic("__consumer_offsets")).toBe(true);
    expect(isInternalTopic("__transaction_state")).toBe(true);
    expect(isInternalTopic("_schemas")).toBe(true);
    expect(isInternalTopic("orders")).toBe(false);
  });
});
