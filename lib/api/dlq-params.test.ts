import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor, parseCoordinates, parseMessageListQuery } from "./dlq-params";
import { RedriveError } from "@/lib/errors";

const parse = (search: string) => parseMessageListQuery(new URLSearchParams(search), "default", "orders.DLT");

describe("cursors", () => {
  it("round-trip a position, int64 offsets included", () => {
    const position = { timestampMs: 1_795_000_000_123, partition: 7, offset: 9007199254740993n };
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
  });

  it("refuse anything this API did not give out", () => {
    for (const bad of [
      "",
      "bm9wZQ",
      Buffer.from("1:2:99999999999999999999").toString("base64url"),
      Buffer.from("1:4294967296:0").toString("base64url"),
    ]) {
      expect(decodeCursor(bad)).toBeNull();
    }
  });
});

describe("parseMessageListQuery", () => {
  it("defaults to every status, newest first, 100 per page", () => {
    expect(parse("")).toEqual({
      cluster: "default",
      topic: "orders.DLT",
      status: undefined,
      q: undefined,
      order: "newest",
      limit: 100,
      after: undefined,
    });
    expect(parse("status=all").status).toBeUndefined();
  });

  it("reads every filter", () => {
    const query = parse(
      "status=pending&fingerprint=abc&q=%20Order%2042%20&originalTopic=orders&from=2026-11-01T00:00:00Z&to=2026-11-02T00:00:00%2B01:00&order=oldest&limit=500",
    );
    expect(query).toMatchObject({
      status: "pending",
      fingerprint: "abc",
      q: "Order 42",
      originalTopic: "orders",
      order: "oldest",
      limit: 500,
    });
    expect(query.from).toEqual(new Date("2026-11-01T00:00:00Z"));
    expect(query.to).toEqual(new Date("2026-11-01T23:00:00Z"));
  });

  it.each([
    ["status=lost", "status"],
    ["limit=abc", "limit"],
    ["limit=1.5", "limit"],
    ["from=2026-11-01", "from"],
    ["order=random", "order"],
    ["cursor=xyz", "cursor"],
    ["page=2", "page"],
  ])("answers 400 naming the parameter for %s", (search, name) => {
    expect(() => parse(search)).toThrowError(RedriveError);
    expect(() => parse(search)).toThrowError(`"${name}"`);
  });
});

describe("parseCoordinates", () => {
  it("reads int32 partitions and int64 offsets", () => {
    expect(parseCoordinates("2147483647", "9223372036854775807")).toEqual({ partition: 2147483647, offset: 9223372036854775807n });
    expect(() => parseCoordinates("2147483648", "0")).toThrowError("Partition");
    expect(() => parseCoordinates("0", "9223372036854775808")).toThrowError("Offset");
    expect(() => parseCoordinates("-1", "0")).toThrowError("Partition");
  });
});
