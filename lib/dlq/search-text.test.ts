import { describe, expect, it } from "vitest";
import { containsPattern, searchText, SEARCHED_VALUE_BYTES } from "./search-text";

describe("searchText", () => {
  it("holds the key, exception, message and value", () => {
    const text = searchText({
      key: Buffer.from("order-42"),
      value: Buffer.from('{"sku":"A-1"}'),
      exceptionClass: "x.NotFound",
      failureMessage: "Order 42 not found",
    });
    for (const part of ["order-42", "x.NotFound", "Order 42 not found", '"sku":"A-1"']) expect(text).toContain(part);
  });

  it("replaces NUL visibly and decodes invalid UTF-8 leniently instead of throwing", () => {
    const text = searchText({ key: Buffer.from([0x00, 0x61, 0xff]), value: null, exceptionClass: null, failureMessage: "bad\u0000nul" });
    expect(text).not.toContain("\u0000");
    expect(text.startsWith("\ufffda\ufffd")).toBe(true);
    expect(text).toContain("bad\ufffdnul");
  });

  it("searches only the start of a large value", () => {
    const value = Buffer.concat([Buffer.alloc(SEARCHED_VALUE_BYTES, "a"), Buffer.from("needle")]);
    expect(searchText({ key: null, value, exceptionClass: null, failureMessage: null })).not.toContain("needle");
  });
});

describe("containsPattern", () => {
  it("takes LIKE wildcards and the escape character literally", () => {
    expect(containsPattern("50%_off\\")).toBe("%50\\%\\_off\\\\%");
  });
});
