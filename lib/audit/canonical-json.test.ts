import { describe, expect, it } from "vitest";
import { canonicalJson } from "./canonical-json";

describe("canonicalJson", () => {
  it("sorts keys at every depth and drops undefined", () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[{"y":2,"z":1}]},"b":1}');
  });
  it("writes bigint exactly and dates as ISO UTC", () => {
    expect(canonicalJson({ offset: 2n ** 63n - 1n, at: new Date(Date.UTC(2026, 10, 23, 9, 30)) })).toBe(
      '{"at":"2026-11-23T09:30:00.000Z","offset":"9223372036854775807"}',
    );
  });
});
