import { describe, expect, it } from "vitest";
import { draftError, draftInput, draftOf, sameBytes, switchFormat } from "./bytes-draft";

const wire = (bytes: Buffer) => ({
  base64: bytes.toString("base64"),
  text: (() => {
    try {
      return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
      return null;
    }
  })(),
});

describe("bytes drafts", () => {
  it("start as text when the bytes are UTF-8, base64 when not, and null for null", () => {
    expect(draftOf(wire(Buffer.from("Café")))).toEqual({ format: "text", text: "Café" });
    expect(draftOf(wire(Buffer.from([0xff, 0x00, 0x01])))).toEqual({ format: "base64", text: "/wAB" });
    expect(draftOf(null)).toEqual({ format: "null", text: "" });
  });

  it("switch between text and base64 without changing the bytes", () => {
    const base64 = switchFormat({ format: "text", text: "Café Zoë" }, "base64");
    expect(base64).toEqual({ draft: { format: "base64", text: Buffer.from("Café Zoë").toString("base64") }, lossless: true });
    expect(switchFormat(base64.draft, "text")).toEqual({ draft: { format: "text", text: "Café Zoë" }, lossless: true });
  });

  it("stay base64 when the bytes are not UTF-8 or the base64 is broken", () => {
    expect(switchFormat({ format: "base64", text: "/wAB" }, "text")).toEqual({
      draft: { format: "base64", text: "/wAB" },
      lossless: false,
    });
    expect(switchFormat({ format: "base64", text: "abc" }, "text").lossless).toBe(false);
  });

  it("refuse broken base64 and send each format as the API takes it", () => {
    expect(draftError({ format: "base64", text: "abc" })).toMatch(/not valid base64/);
    expect(draftError({ format: "base64", text: " /wAB " })).toBeNull();
    expect(draftError({ format: "text", text: "abc" })).toBeNull();
    expect(draftInput({ format: "base64", text: " /wAB\n" })).toEqual({ base64: "/wAB" });
    expect(draftInput({ format: "text", text: "x" })).toEqual({ text: "x" });
    expect(draftInput({ format: "null", text: "x" })).toBeNull();
  });

  it("tell an unchanged draft from a changed one, whatever its spelling", () => {
    const original = wire(Buffer.from("order-7"));
    expect(sameBytes({ format: "text", text: "order-7" }, original)).toBe(true);
    expect(sameBytes({ format: "base64", text: original.base64 }, original)).toBe(true);
    expect(sameBytes({ format: "text", text: "order-8" }, original)).toBe(false);
    expect(sameBytes({ format: "null", text: "" }, original)).toBe(false);
    expect(sameBytes({ format: "null", text: "" }, null)).toBe(true);
    expect(sameBytes({ format: "text", text: "" }, null)).toBe(false);
  });
});
