import { describe, expect, it } from "vitest";
import { describeSelector, selectionBodyOf, selectorDlqQuery, selectorOf } from "./describe-selection";

describe("describeSelector", () => {
  it("names the whole DLQ when nothing narrows it", () => {
    expect(describeSelector({ kind: "filter", filter: {} })).toBe("Every pending record of the DLQ");
  });

  it("names a failure group by its label, or by its fingerprint's start", () => {
    const filter = { fingerprint: "3fa2b9c0d1e2f3a4b5c6" };
    expect(describeSelector({ kind: "filter", filter }, "OrderNotFoundException · Order <n> not found")).toBe(
      "Pending records of failure group “OrderNotFoundException · Order <n> not found”",
    );
    expect(describeSelector({ kind: "filter", filter })).toBe("Pending records of failure group 3fa2b9c0d1e2");
  });

  it("lists every part of a filter", () => {
    expect(
      describeSelector({
        kind: "filter",
        filter: { originalTopic: "orders", q: "timeout", from: "2026-11-23T09:30:00.000Z", to: "2026-11-24T00:00:00Z" },
      }),
    ).toBe("Pending records from original topic orders, matching “timeout”, since 2026-11-23 09:30:00 UTC, before 2026-11-24 00:00:00 UTC");
  });

  it("counts picked records", () => {
    expect(describeSelector({ kind: "messages", count: 1 })).toBe("1 record picked in the table");
    expect(
      describeSelector(
        selectorOf({
          kind: "messages",
          messages: [
            { partition: 0, offset: "1" },
            { partition: 1, offset: "9" },
          ],
        }),
      ),
    ).toBe("2 records picked in the table");
  });

  it("names the earlier job whose failures are acted on", () => {
    expect(describeSelector(selectorOf({ kind: "failed", jobId: "0f8e2d1c-aaaa-4bbb-8ccc-123456789abc" }))).toBe(
      "Records job 0f8e2d1c failed on that are still pending",
    );
  });
});

describe("selectionBodyOf", () => {
  it("sends a filter, the picked records or the earlier job, as the API takes them", () => {
    expect(selectionBodyOf({ kind: "filter", filter: { fingerprint: "abc" } })).toEqual({ filter: { fingerprint: "abc" } });
    expect(selectionBodyOf({ kind: "messages", messages: [{ partition: 1, offset: "9" }] })).toEqual({
      messages: [{ partition: 1, offset: "9" }],
    });
    expect(selectionBodyOf({ kind: "failed", jobId: "j1" })).toEqual({ failedIn: "j1" });
  });
});

describe("selectorDlqQuery", () => {
  it("opens the DLQ on the same filter with every status", () => {
    expect(selectorDlqQuery({ kind: "filter", filter: { fingerprint: "abc", q: "x" } })).toEqual({
      fingerprint: "abc",
      q: "x",
      status: "all",
    });
    expect(selectorDlqQuery({ kind: "messages", count: 3 })).toBeUndefined();
    expect(selectorDlqQuery({ kind: "failed", jobId: "j1" })).toBeUndefined();
  });
});
