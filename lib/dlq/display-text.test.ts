import { describe, expect, it } from "vitest";
import { displaySafe, displaySafeOrNull } from "./display-text";

describe("displaySafe", () => {
  it("replaces NUL visibly", () => {
    expect(displaySafe("bad\u0000nul")).toBe("bad\ufffdnul");
  });

  it("replaces lone surrogates but keeps surrogate pairs", () => {
    expect(displaySafe("a\ud800b\udc00c\ud83d\ude00")).toBe("a\ufffdb\ufffdc\ud83d\ude00");
    expect(displaySafe("\ud83d")).toBe("\ufffd");
  });

  it("leaves ordinary text as it is and null as null", () => {
    expect(displaySafe("Order 42 not found: ü")).toBe("Order 42 not found: ü");
    expect(displaySafeOrNull(null)).toBeNull();
  });

  it("makes text that PostgreSQL jsonb accepts after JSON.stringify", () => {
    expect(JSON.stringify(displaySafe("k\u0000\udfff"))).toBe('"k\ufffd\ufffd"');
  });
});
