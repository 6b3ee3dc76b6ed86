import { describe, expect, it } from "vitest";
import { int, long, str } from "./java-header.fixture";
import {
  headerKind,
  isFailureHeader,
  keptOnRedelivery,
  redeliveryMessage,
  type FailureHeaderRule,
  type RedeliverySource,
} from "./redelivery";

const source: RedeliverySource = {
  topic: "orders.DLT",
  partition: 2,
  offset: 9007199254740993n,
  key: Buffer.alloc(0),
  value: Buffer.from([0x00, 0xff, 0x10]),
  convention: "spring-dlt",
  headers: [
    str("traceparent", "00-abc-01"),
    str("kafka_dlt-original-topic", "orders"),
    int("kafka_dlt-original-partition", 1),
    long("kafka_dlt-original-offset", 5n),
    str("kafka_dlt-exception-message", "Order 5 not found"),
    str("tag", "a"),
    { key: "empty", value: null },
    str("tag", "b"),
  ],
};

const asText = (headers: { key: string; value: Buffer | null }[]) =>
  headers.map(({ key, value }) => [key, value?.toString("latin1") ?? null]);

describe("redeliveryMessage", () => {
  it("keeps key, value and the other headers byte for byte, in order, and adds the redrive headers", () => {
    const message = redeliveryMessage(source, "action-1");
    expect(message.key).toEqual(Buffer.alloc(0));
    expect(message.value).toEqual(Buffer.from([0x00, 0xff, 0x10]));
    expect(asText(message.headers)).toEqual([
      ["traceparent", "00-abc-01"],
      ["tag", "a"],
      ["empty", null],
      ["tag", "b"],
      ["x-redrive-id", "action-1"],
      ["x-redrive-source", "orders.DLT/2/9007199254740993"],
      ["x-redrive-count", "1"],
    ]);
  });

  it("keeps the failure headers when asked, and counts on from an earlier redelivery", () => {
    const again = { ...source, headers: [...source.headers, str("x-redrive-count", "2"), str("x-redrive-id", "old")] };
    const message = redeliveryMessage(again, "action-2", { keepFailureHeaders: true });
    expect(message.headers.filter((h) => h.key.startsWith("kafka_dlt-"))).toHaveLength(4);
    expect(asText(message.headers.filter((h) => h.key.startsWith("x-redrive-")))).toEqual([
      ["x-redrive-id", "action-2"],
      ["x-redrive-source", "orders.DLT/2/9007199254740993"],
      ["x-redrive-count", "3"],
    ]);
  });

  it("sends an edit as written: a null value is a tombstone, replaced headers keep their order", () => {
    const message = redeliveryMessage(source, "action-3", {
      edit: { value: null, key: Buffer.from("k"), headers: [str("b", "1"), str("a", "2")] },
    });
    expect(message.value).toBeNull();
    expect(message.key).toEqual(Buffer.from("k"));
    expect(asText(message.headers).slice(0, 2)).toEqual([
      ["b", "1"],
      ["a", "2"],
    ]);
    expect(redeliveryMessage(source, "x", { edit: { headers: [] } }).value).toEqual(source.value);
  });
});

describe("isFailureHeader", () => {
  it("knows each convention's names and prefixes, and nothing else", () => {
    expect(isFailureHeader("kafka_dlt-exception-fqcn", "spring-dlt")).toBe(true);
    expect(isFailureHeader("retry_topic-attempts", "spring-retry")).toBe(true);
    expect(isFailureHeader("__connect.errors.connector.name", "connect")).toBe(true);
    expect(isFailureHeader("traceparent", "spring-dlt")).toBe(false);
    expect(isFailureHeader("kafka_dlt-exception-fqcn", "connect")).toBe(false);
    expect(isFailureHeader("x-err", "custom", [{ name: "billing", message: "x-err" }])).toBe(true);
    expect(isFailureHeader("x-other", "custom", [{ name: "billing", message: "x-err" }])).toBe(false);
  });
});

describe("headerKind and keptOnRedelivery: the rule a page previews is the rule that is sent", () => {
  const mappings = [{ name: "billing", exceptionClass: "x-err-type", message: "x-err-msg" }];

  it("tells the failure's headers, Redrive's own and the application's apart, by the record's convention", () => {
    expect(headerKind("kafka_dlt-exception-fqcn", "spring-dlt")).toBe("failure");
    expect(headerKind("dead-letter-retry-count", "smallrye")).toBe("failure");
    expect(headerKind("x-err-msg", "custom", mappings)).toBe("failure");
    expect(headerKind("x-err-msg", "custom")).toBe("application");
    expect(headerKind("kafka_dlt-exception-fqcn", "smallrye")).toBe("application");
    expect(headerKind("x-redrive-count", "spring-dlt")).toBe("redrive");
    expect(headerKind("traceparent", "unknown")).toBe("application");
  });

  it.each<[string, RedeliverySource["convention"], FailureHeaderRule, boolean]>([
    ["traceparent", "spring-dlt", {}, true],
    ["kafka_dlt-exception-fqcn", "spring-dlt", {}, false],
    ["kafka_dlt-exception-fqcn", "spring-dlt", { keepFailureHeaders: true }, true],
    ["x-redrive-id", "spring-dlt", { keepFailureHeaders: true }, false],
    ["x-err-type", "custom", { customMappings: mappings }, false],
    ["dead-letter-retry-count", "smallrye", {}, false],
  ])("%s (%s, %j) kept: %s", (name, convention, rule, kept) => expect(keptOnRedelivery(name, convention, rule)).toBe(kept));

  it.each<[string, RedeliverySource, FailureHeaderRule]>([
    ["spring-dlt", source, {}],
    ["spring-dlt kept", source, { keepFailureHeaders: true }],
    [
      "custom",
      {
        ...source,
        convention: "custom",
        headers: [str("x-err-type", "E"), str("x-err-msg", "m"), str("tenant", "a"), str("x-redrive-id", "old")],
      },
      { customMappings: mappings },
    ],
    [
      "smallrye",
      {
        ...source,
        convention: "smallrye",
        headers: [str("dead-letter-reason", "r"), str("dead-letter-retry-count", "3"), str("tenant", "a")],
      },
      {},
    ],
  ])("redeliveryMessage sends exactly the headers keptOnRedelivery names (%s)", (_, record, rule) => {
    const sent = redeliveryMessage(record, "a", rule).headers.slice(0, -3);
    expect(asText(sent)).toEqual(asText(record.headers.filter((h) => keptOnRedelivery(h.key, record.convention, rule))));
  });
});
