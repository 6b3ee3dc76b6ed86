import { describe, expect, it } from "vitest";
import { bytesView, headerText, lastHeader, type RecordHeader } from "./record-header";

const h = (key: string, value: string | Buffer | null): RecordHeader => ({
  key,
  value: typeof value === "string" ? Buffer.from(value) : value,
});

describe("lastHeader", () => {
  it("takes the last occurrence of a repeated header", () => {
    const headers = [h("a", "1"), h("b", "x"), h("a", "2")];
    expect(lastHeader(headers, "a")?.value?.toString()).toBe("2");
  });

  it("returns a null-valued header, which is not the same as an absent one", () => {
    expect(lastHeader([h("a", "1"), h("a", null)], "a")).toEqual({ key: "a", value: null });
    expect(lastHeader([h("a", "1")], "b")).toBeUndefined();
  });

  it("matches keys exactly", () => {
    expect(lastHeader([h("Error", "x")], "error")).toBeUndefined();
  });
});

describe("headerText", () => {
  it("decodes valid UTF-8, including multi-byte characters and the empty value", () => {
    expect(headerText(Buffer.from("Grüße ✓ 🚀"))).toBe("Grüße ✓ 🚀");
    expect(headerText(Buffer.alloc(0))).toBe("");
  });

  it("returns null for invalid UTF-8 and for null", () => {
    expect(headerText(Buffer.from([0xff, 0xfe, 0x41]))).toBeNull();
    expect(headerText(Buffer.from([0xe2, 0x82]))).toBeNull();
    expect(headerText(Buffer.from([0xed, 0xa0, 0x80]))).toBeNull();
    expect(headerText(null)).toBeNull();
  });

  it("keeps a byte order mark, so the text matches the bytes", () => {
    expect(headerText(Buffer.from([0xef, 0xbb, 0xbf, 0x61]))).toBe("\ufeffa");
  });
});

describe("bytesView", () => {
  it("always gives base64 and gives text only for valid UTF-8", () => {
    expect(bytesView(Buffer.from("hi"))).toEqual({ base64: "aGk=", text: "hi" });
    expect(bytesView(Buffer.from([0xc3, 0x28]))).toEqual({ base64: "wyg=", text: null });
    expect(bytesView(Buffer.alloc(0))).toEqual({ base64: "", text: "" });
  });

  it("keeps null as null", () => {
    expect(bytesView(null)).toBeNull();
  });
});
