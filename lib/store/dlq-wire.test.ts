import { describe, expect, it } from "vitest";
import { parseRecordRef, previewBytes } from "./dlq-wire";

describe("previewBytes", () => {
  it("gives the whole bytes when nothing was cut", () => {
    expect(previewBytes(Buffer.from("héllo"), 6)).toEqual({ base64: Buffer.from("héllo").toString("base64"), text: "héllo" });
  });

  it("drops a multi-byte character cut at the end so the text stays text", () => {
    const euro = Buffer.from("€"); // 3 bytes
    for (const cut of [1, 2]) {
      const prefix = Buffer.concat([Buffer.from("ab"), euro.subarray(0, cut)]);
      const view = previewBytes(prefix, 100);
      expect(view.text).toBe("ab");
      expect(view.base64).toBe(prefix.toString("base64"));
    }
    expect(previewBytes(Buffer.concat([Buffer.from("ab"), euro]), 100).text).toBe("ab€");
  });

  it("keeps binary as binary", () => {
    expect(previewBytes(Buffer.from([0xff, 0xfe, 0x41]), 100).text).toBeNull();
  });
});

describe("parseRecordRef", () => {
  it("reads topic/partition/offset, keeping the offset as a string", () => {
    expect(parseRecordRef("orders.DLT/2/9007199254740993")).toEqual({ topic: "orders.DLT", partition: 2, offset: "9007199254740993" });
    expect(parseRecordRef(null)).toBeNull();
    expect(parseRecordRef("nonsense")).toBeNull();
  });
});
