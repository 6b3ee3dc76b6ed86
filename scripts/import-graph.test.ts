import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { importGraph, twoWayPairs } from "./import-graph.mjs";

describe("the folder-level import graph", () => {
  it("finds a pair of folders that import each other", () => {
    const edges = new Map([
      ["lib/a -> lib/b", new Set(["lib/a/x.ts"])],
      ["lib/b -> lib/a", new Set(["lib/b/y.ts"])],
      ["lib/b -> lib/c", new Set(["lib/b/z.ts"])],
    ]);
    expect(twoWayPairs(edges)).toEqual([["lib/a", "lib/b"]]);
  });

  it("has no two folders of this tree importing each other both ways", () => {
    const edges = importGraph(join(__dirname, ".."));
    expect(edges.size).toBeGreaterThan(30);
    expect(edges.has("lib/triage -> lib/store")).toBe(true);
    expect(twoWayPairs(edges)).toEqual([]);
  });
});
