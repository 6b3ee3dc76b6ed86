import { describe, expect, it } from "vitest";
import { canonicalJson } from "./canonical-json";

/** The first version, kept as the reference: every entry ever written was hashed over its output. */
function referenceCanonicalJson(value: unknown): string {
  const normalise = (v: unknown): unknown => {
    if (v === null || v === undefined) return null;
    if (typeof v === "bigint") return v.toString();
    if (v instanceof Date) return v.toISOString();
    if (Array.isArray(v)) return v.map(normalise);
    if (typeof v === "object") {
      const entries = Object.entries(v as Record<string, unknown>)
        .filter(([, x]) => x !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return Object.fromEntries(entries.map(([k, x]) => [k, normalise(x)]));
    }
    if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
    throw new TypeError(`cannot put a ${typeof v} in canonical JSON`);
  };
  return JSON.stringify(normalise(value));
}

describe("canonicalJson", () => {
  it("sorts keys at every depth and drops undefined", () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[{"y":2,"z":1}]},"b":1}');
  });

  it("writes bigint exactly and dates as ISO UTC", () => {
    expect(canonicalJson({ offset: 2n ** 63n - 1n, at: new Date(Date.UTC(2026, 10, 23, 9, 30)) })).toBe(
      '{"at":"2026-11-23T09:30:00.000Z","offset":"9223372036854775807"}',
    );
  });

  it("puts array-index keys first in numeric order, as entries already in the log were hashed", () => {
    expect(canonicalJson({ b: 1, "10": 2, "9": 3, "01": 4, "-1": 5, "4294967295": 6, "4294967294": 7 })).toBe(
      '{"9":3,"10":2,"4294967294":7,"-1":5,"01":4,"4294967295":6,"b":1}',
    );
  });

  it("writes exactly the bytes of the first version for every kind of value an entry holds", () => {
    const values: unknown[] = [
      null,
      undefined,
      0,
      -0,
      1.5e300,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      "",
      'quote " backslash \\ newline \n tab \t nul \u0000 emoji 🚨 lone surrogate \ud800',
      true,
      false,
      123n,
      -(2n ** 70n),
      new Date(0),
      [],
      [undefined, null, 1, [2, [3]]],
      {},
      { __proto__: null, z: 1 },
      JSON.parse('{"__proto__": {"x": 1}, "constructor": 2}'),
      { é: 1, e: 2, E: 3, "": 4, " ": 5, "2": 6, "1": { "3": [{ b: undefined, a: 1n }], "0": "x" } },
      {
        action: "message.redeliver",
        actor: "alice@example.com",
        at: new Date(Date.UTC(2026, 11, 1, 16, 0, 0, 123)),
        cluster: "default",
        details: {
          actionId: "0b5e…",
          jobId: "j-1",
          note: null,
          originalTopic: "orders",
          toOriginalTopic: true,
          diff: { "0": "-a", "1": "+b" },
        },
        offset: 9_007_199_254_740_993n,
        partition: 2,
        role: "operator",
        seq: 42n,
        source: "10.0.0.1",
        target: { topic: "orders", partition: 0, offset: "77" },
        topic: "orders.DLT",
      },
    ];
    for (const value of values) expect(canonicalJson(value)).toBe(referenceCanonicalJson(value));
    // A few thousand random objects, nested, with keys that sort either way.
    const keys = ["a", "b", "A", "0", "1", "10", "2", "01", "-1", "x y", "ü", "offset", "seq"];
    let seed = 7;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const make = (depth: number): unknown => {
      const r = random();
      if (depth > 3 || r < 0.3) return [null, 1, "s", true, 5n, undefined, new Date(1_700_000_000_000)][Math.floor(random() * 7)];
      if (r < 0.5) return Array.from({ length: Math.floor(random() * 4) }, () => make(depth + 1));
      return Object.fromEntries(
        Array.from({ length: Math.floor(random() * 6) }, () => [keys[Math.floor(random() * keys.length)]!, make(depth + 1)]),
      );
    };
    for (let i = 0; i < 3_000; i++) {
      const value = make(0);
      expect(canonicalJson(value)).toBe(referenceCanonicalJson(value));
    }
  });

  it("refuses what JSON cannot hold", () => {
    expect(() => canonicalJson({ f: () => 1 })).toThrow(TypeError);
    expect(() => canonicalJson(Symbol("s"))).toThrow(TypeError);
  });
});
