import { describe, expect, it } from "vitest";
import { parseRedriveSource, redriveCount } from "./redrive-source";
import type { RecordHeader } from "./record-header";

const h = (key: string, value: string | null): RecordHeader => ({ key, value: value === null ? null : Buffer.from(value) });

describe("parseRedriveSource", () => {
  it("reads topic/partition/offset, with dots in the topic and an offset above 2^53", () => {
    expect(parseRedriveSource([h("x-redrive-source", "orders.DLT/3/9007199254740993")])).toEqual({
      topic: "orders.DLT",
      partition: 3,
      offset: "9007199254740993",
    });
  });

  it("takes the last x-redrive-source header", () => {
    const headers = [h("x-redrive-source", "orders.DLT/0/1"), h("x-redrive-source", "orders.DLT/0/7")];
    expect(parseRedriveSource(headers)?.offset).toBe("7");
  });

  it.each([
    null,
    "",
    "orders.DLT/3",
    "orders/DLT/3/4",
    "orders.DLT/-1/4",
    "orders.DLT/3/x",
    "orders.DLT/2147483648/4",
    "orders.DLT/3/9223372036854775808",
    "orders DLT/3/4",
    "/3/4",
  ])("returns null for %j", (value) => expect(parseRedriveSource([h("x-redrive-source", value)])).toBeNull());

  it("returns null for missing or undecodable headers", () => {
    expect(parseRedriveSource([])).toBeNull();
    expect(parseRedriveSource([{ key: "x-redrive-source", value: Buffer.from([0xff, 0x2f, 0x31]) }])).toBeNull();
  });
});

describe("redriveCount", () => {
  it("reads the last x-redrive-count", () => {
    expect(redriveCount([h("x-redrive-count", "1"), h("x-redrive-count", "2")])).toBe(2);
  });

  it.each([[[]], [[h("x-redrive-count", null)]], [[h("x-redrive-count", "two")]], [[h("x-redrive-count", "-3")]]])(
    "is 0 when absent or garbage (%#)",
    (headers) => expect(redriveCount(headers)).toBe(0),
  );
});
