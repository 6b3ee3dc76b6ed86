import { describe, expect, it } from "vitest";
import { parseServerEnv } from "@/lib/env-schema";
import { assertRedeliveryTarget, redeliveryTargetRefusal, RefusedTargetError } from "./redelivery-target";

const SYSTEM_TOPICS = [
  "__consumer_offsets",
  "__transaction_state",
  "__cluster_metadata",
  "__share_group_state",
  "_schemas",
  "connect-configs",
  "connect-offsets",
  "connect-status",
  "_confluent-metrics",
  "_confluent-ksql-default__command_topic",
];
const APPLICATION_TOPICS = ["orders", "_orders", "schemas", "connect-configs-2", "my-connect-status", "Connect-Configs", "_Schemas"];
const outsideRefusal = (topic: string) => `"${topic}" is not a redelivery target this console allows (REDRIVE_REDELIVER_TARGETS)`;

describe("redeliveryTargetRefusal", () => {
  it.each(SYSTEM_TOPICS)("refuses the system topic %s, naming it", (topic) =>
    expect(redeliveryTargetRefusal(topic)).toBe(`"${topic}" is a Kafka internal or system topic, which a redelivery never writes to`),
  );

  it.each(APPLICATION_TOPICS)("lets the application topic %s through", (topic) => expect(redeliveryTargetRefusal(topic)).toBeNull());

  it("narrows targets to the allow pattern, which the environment anchors to the whole name", () => {
    const allowed = parseServerEnv({ REDRIVE_REDELIVER_TARGETS: "orders|payments\\..+" }).REDRIVE_REDELIVER_TARGETS;
    expect(redeliveryTargetRefusal("orders", allowed)).toBeNull();
    expect(redeliveryTargetRefusal("payments.eu", allowed)).toBeNull();
    expect(redeliveryTargetRefusal("orders-evil", allowed)).toBe(outsideRefusal("orders-evil"));
    expect(redeliveryTargetRefusal("payments", allowed)).toBe(outsideRefusal("payments"));
  });

  it("refuses system topics even when the allow pattern matches them", () => {
    expect(redeliveryTargetRefusal("__consumer_offsets", /.*/)).toMatch(/internal or system topic/);
  });
});

describe("assertRedeliveryTarget", () => {
  it("says where a refused target came from", () => {
    const fromRequest = (() => assertRedeliveryTarget("__consumer_offsets", "request")) as () => never;
    expect(fromRequest).toThrow(RefusedTargetError);
    expect(fromRequest).toThrow('targetTopic: "__consumer_offsets" is a Kafka internal or system topic');
    const fromHeader = () => assertRedeliveryTarget("_schemas", "original-topic");
    expect(fromHeader).toThrow(/original topic \(from its failure headers.*"_schemas" is a Kafka internal/);
    expect(() => assertRedeliveryTarget("orders", "original-topic")).not.toThrow();
  });
});
