import { describe, expect, it } from "vitest";
import { prettyPrintJson } from "./json-pretty";

describe("prettyPrintJson", () => {
  it("indents like JSON.stringify(value, null, 2) for ordinary JSON", () => {
    const samples = [
      '{"a":1,"b":[true,false,null],"c":{"d":"e"}}',
      "[[1,[2,[3]]],[],{},[{}]]",
      '  {"nested":{"deeper":{"list":[1.5,-20,0]}}}  ',
      '"just a string"',
      "42",
      "null",
    ];
    for (const text of samples) expect(prettyPrintJson(text)).toBe(JSON.stringify(JSON.parse(text), null, 2));
  });

  it("keeps an int64 above 2^53 exactly as written", () => {
    expect(prettyPrintJson('{"id":9007199254740993,"big":-9223372036854775808}')).toBe(
      '{\n  "id": 9007199254740993,\n  "big": -9223372036854775808\n}',
    );
  });

  it("keeps numbers in their own notation", () => {
    expect(prettyPrintJson("[1.10,1E+2,0.000001,1e-7]")).toBe("[\n  1.10,\n  1E+2,\n  0.000001,\n  1e-7\n]");
  });

  it("keeps unicode escapes and escaped quotes as written", () => {
    expect(prettyPrintJson('{"name":"caf\\u00e9 \\"bar\\"","emoji":"\\ud83d\\ude00","raw":"é ✓"}')).toBe(
      '{\n  "name": "caf\\u00e9 \\"bar\\"",\n  "emoji": "\\ud83d\\ude00",\n  "raw": "é ✓"\n}',
    );
  });

  it("leaves structural characters inside strings alone", () => {
    expect(prettyPrintJson('{"a":"{[,:]}"}')).toBe('{\n  "a": "{[,:]}"\n}');
  });

  it("re-indents text that already has whitespace", () => {
    expect(prettyPrintJson('{\r\n\t"a" :\n [ 1 ,2 ] }')).toBe('{\n  "a": [\n    1,\n    2\n  ]\n}');
  });

  it("uses the indent it is given", () => {
    expect(prettyPrintJson("[1]", { indent: "    " })).toBe("[\n    1\n]");
  });

  it("handles deep nesting without recursion, indenting no deeper than 32 levels", () => {
    const depth = 50_000;
    const pretty = prettyPrintJson("[".repeat(depth) + "]".repeat(depth));
    expect(pretty?.startsWith("[\n  [\n    [")).toBe(true);
    expect(Math.max(...pretty!.split("\n").map((line) => line.length))).toBe(66);
  });

  it("gives up rather than build more than maxLength", () => {
    expect(prettyPrintJson("[1,2,3,4,5,6,7,8,9]", { maxLength: 10 })).toBeNull();
  });

  it("returns null for anything that is not JSON", () => {
    const invalid = [
      "",
      "   ",
      "{",
      "[1,]",
      '{"a" 1}',
      '{"a":1,}',
      "{a:1}",
      "[1 2]",
      "'single'",
      '"unterminated',
      '"bad \\x escape"',
      '"bad \\u12G4"',
      '"tab\tinside"',
      "01",
      "1.",
      "NaN",
      "tru",
      "[1]]",
      "{}{}",
      "[}",
      '<img src=x onerror="alert(1)">',
    ];
    for (const text of invalid) expect(prettyPrintJson(text), text).toBeNull();
  });

  describe("partial", () => {
    it("re-indents the first bytes of a longer value and keeps the cut token", () => {
      expect(prettyPrintJson('{"a":[1,2],"b":"hel', { partial: true })).toBe('{\n  "a": [\n    1,\n    2\n  ],\n  "b": "hel');
      expect(prettyPrintJson('{"a":9007199254', { partial: true })).toBe('{\n  "a": 9007199254');
      expect(prettyPrintJson("[1.", { partial: true })).toBe("[\n  1.");
      expect(prettyPrintJson("[tr", { partial: true })).toBe("[\n  tr");
      expect(prettyPrintJson('{"a":"\\u00', { partial: true })).toBe('{\n  "a": "\\u00');
    });

    it("still refuses text that is not JSON", () => {
      expect(prettyPrintJson("hello world", { partial: true })).toBeNull();
      expect(prettyPrintJson('{"a":1 x', { partial: true })).toBeNull();
      expect(prettyPrintJson("", { partial: true })).toBeNull();
    });
  });
});
