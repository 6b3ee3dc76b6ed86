import { describe, expect, it } from "vitest";
import type { TopicSummary } from "@/lib/contract/schemas";
import { filterAndSortTopics, readTopicListParams, writeTopicListParams, type TopicListParams } from "./topic-list-params";

const topic = (name: string, partitions: number, messages: string, flags: Partial<TopicSummary> = {}): TopicSummary => ({
  name,
  partitions,
  replicationFactor: 1,
  messages,
  isDlq: false,
  isInternal: false,
  ...flags,
});

const topics = [
  topic("payments", 3, "9007199254740993"),
  topic("orders", 12, "10"),
  topic("orders.DLT", 1, "9", { isDlq: true }),
  topic("__consumer_offsets", 50, "100", { isInternal: true }),
];

const base: TopicListParams = { query: "", sort: "name", direction: "asc", showInternal: false };
const names = (list: TopicSummary[]) => list.map((t) => t.name);

describe("filterAndSortTopics", () => {
  it("hides internal topics unless asked", () => {
    expect(names(filterAndSortTopics(topics, base))).toEqual(["orders", "orders.DLT", "payments"]);
    expect(names(filterAndSortTopics(topics, { ...base, showInternal: true }))).toContain("__consumer_offsets");
  });

  it("searches case-insensitively", () => {
    expect(names(filterAndSortTopics(topics, { ...base, query: " dlt " }))).toEqual(["orders.DLT"]);
  });

  it("sorts messages numerically beyond 2^53", () => {
    expect(names(filterAndSortTopics(topics, { ...base, sort: "messages", direction: "desc" }))).toEqual([
      "payments",
      "orders",
      "orders.DLT",
    ]);
  });

  it("sorts by partitions", () => {
    expect(names(filterAndSortTopics(topics, { ...base, sort: "partitions", direction: "asc" }))).toEqual([
      "orders.DLT",
      "payments",
      "orders",
    ]);
  });

  it("does not reorder its input", () => {
    const input = [...topics];
    filterAndSortTopics(input, { ...base, sort: "messages" });
    expect(input).toEqual(topics);
  });
});

describe("topic list URL params", () => {
  it("reads defaults from an empty query string", () => {
    expect(readTopicListParams(new URLSearchParams())).toEqual(base);
  });

  it("uses the natural direction for each column", () => {
    expect(readTopicListParams(new URLSearchParams("sort=messages")).direction).toBe("desc");
  });

  it("ignores unknown values", () => {
    expect(readTopicListParams(new URLSearchParams("sort=evil&dir=sideways"))).toEqual(base);
  });

  it("round-trips and leaves defaults out", () => {
    const state: TopicListParams = { query: "orders", sort: "messages", direction: "asc", showInternal: true };
    const written = writeTopicListParams(state);
    expect(written.toString()).toBe("q=orders&sort=messages&dir=asc&internal=1");
    expect(readTopicListParams(written)).toEqual(state);
    expect(writeTopicListParams(base).toString()).toBe("");
  });
});
