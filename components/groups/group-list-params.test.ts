import { describe, expect, it } from "vitest";
import type { GroupSummary } from "@/lib/contract/schemas";
import { filterAndSortGroups, mostLaggingGroups, readGroupListParams, writeGroupListParams } from "./group-list-params";

const group = (groupId: string, totalLag: string | null): GroupSummary => ({
  groupId,
  state: "Stable",
  protocolType: "consumer",
  members: 1,
  totalLag,
  topics: [],
});

const groups = [group("billing", "5"), group("audit", null), group("orders-worker", "9007199254740993"), group("emails", "0")];
const ids = (list: GroupSummary[]) => list.map((g) => g.groupId);

describe("filterAndSortGroups", () => {
  it("defaults to lag descending with unknown lag last", () => {
    expect(ids(filterAndSortGroups(groups, readGroupListParams(new URLSearchParams())))).toEqual([
      "orders-worker",
      "billing",
      "emails",
      "audit",
    ]);
  });

  it("keeps unknown lag last when ascending", () => {
    expect(ids(filterAndSortGroups(groups, { query: "", sort: "lag", direction: "asc" }))).toEqual([
      "emails",
      "billing",
      "orders-worker",
      "audit",
    ]);
  });

  it("sorts and searches by group id", () => {
    expect(ids(filterAndSortGroups(groups, { query: "", sort: "group", direction: "desc" }))).toEqual([
      "orders-worker",
      "emails",
      "billing",
      "audit",
    ]);
    expect(ids(filterAndSortGroups(groups, { query: "ORDERS", sort: "lag", direction: "desc" }))).toEqual(["orders-worker"]);
  });
});

describe("mostLaggingGroups", () => {
  it("takes the top groups with a known lag", () => {
    expect(ids(mostLaggingGroups(groups, 2))).toEqual(["orders-worker", "billing"]);
  });
});

describe("group list URL params", () => {
  it("round-trips and leaves defaults out", () => {
    expect(writeGroupListParams({ query: "", sort: "lag", direction: "desc" }).toString()).toBe("");
    const written = writeGroupListParams({ query: "a b", sort: "group", direction: "desc" });
    expect(readGroupListParams(written)).toEqual({ query: "a b", sort: "group", direction: "desc" });
  });
});
