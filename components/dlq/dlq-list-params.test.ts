import { describe, expect, it } from "vitest";
import {
  DEFAULT_DLQ_PARAMS,
  clearNarrowingFilters,
  hasNarrowingFilters,
  instantToUtcInput,
  readDlqListParams,
  toJobFilter,
  toMessageFilter,
  utcInputToInstant,
  writeDlqListParams,
} from "./dlq-list-params";

const read = (query: string) => readDlqListParams(new URLSearchParams(query));

describe("readDlqListParams / writeDlqListParams", () => {
  it("opens on the pending tab with no filters, and writes nothing for it", () => {
    expect(read("")).toEqual(DEFAULT_DLQ_PARAMS);
    expect(writeDlqListParams(DEFAULT_DLQ_PARAMS).toString()).toBe("");
  });

  it("round-trips every filter", () => {
    const query =
      "status=all&fingerprint=ab12&q=Order+123&originalTopic=orders&from=2026-11-23T09%3A30%3A00.000Z&to=2026-11-24T00%3A00%3A00.000Z";
    expect(writeDlqListParams(read(query)).toString()).toBe(query);
  });

  it("ignores an unknown status and an unreadable date", () => {
    expect(read("status=bogus&from=yesterday").status).toBe("pending");
    expect(read("from=yesterday").from).toBe("");
  });

  it("reads a date without a zone as UTC and normalises offsets", () => {
    expect(read("from=2026-11-23T09:30").from).toBe("2026-11-23T09:30:00.000Z");
    expect(read("to=2026-11-23T10:30:00%2B01:00").to).toBe("2026-11-23T09:30:00.000Z");
  });
});

describe("toMessageFilter", () => {
  it("maps the all tab to no status filter and drops empty values", () => {
    expect(toMessageFilter({ ...DEFAULT_DLQ_PARAMS, status: "all", q: "   " })).toEqual({});
    expect(toMessageFilter({ ...DEFAULT_DLQ_PARAMS, q: " 123 ", fingerprint: "f" })).toEqual({
      status: "pending",
      q: "123",
      fingerprint: "f",
    });
  });
});

describe("toJobFilter", () => {
  it("keeps the narrowing filters and never the status tab", () => {
    expect(
      toJobFilter({ ...DEFAULT_DLQ_PARAMS, status: "redelivered", q: " late ", originalTopic: "orders", from: "2026-11-23T09:30:00.000Z" }),
    ).toEqual({
      q: "late",
      originalTopic: "orders",
      from: "2026-11-23T09:30:00.000Z",
    });
    expect(toJobFilter(DEFAULT_DLQ_PARAMS)).toEqual({});
  });
});

describe("narrowing filters", () => {
  it("are everything but the status tab, and clearing keeps the tab", () => {
    const state = { ...DEFAULT_DLQ_PARAMS, status: "discarded" as const, originalTopic: "orders" };
    expect(hasNarrowingFilters(state)).toBe(true);
    expect(hasNarrowingFilters({ ...DEFAULT_DLQ_PARAMS, status: "all" })).toBe(false);
    expect(clearNarrowingFilters(state)).toEqual({ ...DEFAULT_DLQ_PARAMS, status: "discarded" });
  });
});

describe("UTC datetime inputs", () => {
  it("convert both ways, and a partial input is no bound", () => {
    expect(instantToUtcInput("2026-11-23T09:30:00.000Z")).toBe("2026-11-23T09:30");
    expect(utcInputToInstant("2026-11-23T09:30")).toBe("2026-11-23T09:30:00.000Z");
    expect(utcInputToInstant("2026-11-23")).toBe("");
    expect(utcInputToInstant("")).toBe("");
  });
});
