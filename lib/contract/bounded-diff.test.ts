import { describe, expect, it } from "vitest";
import { boundedLineChanges, boundedPatch, DIFF_BUDGET } from "./bounded-diff";

const lines = (n: number, shift: number) => Array.from({ length: n }, (_, i) => `  "k${i}": ${i + shift},`).join("\n");

describe("bounded diffs", () => {
  it("diffs a small edit in full", () => {
    expect(boundedPatch("value", '{"qty":2}', '{"qty":3}')).toContain('+{"qty":3}');
    expect(
      boundedLineChanges("a\nb\n", "a\nc\n")
        ?.filter((c) => c.added || c.removed)
        .map((c) => c.value),
    ).toEqual(["b\n", "c\n"]);
  });

  it("gives up on 50,000 changed lines (unbounded, that diff takes minutes)", () => {
    expect(boundedPatch("value", lines(50_000, 0), lines(50_000, 1))).toBeNull();
    expect(boundedLineChanges(lines(50_000, 0), lines(50_000, 1))).toBeNull();
  });

  it("does not diff texts past the size budget, even when one line changed", () => {
    const big = "x".repeat(DIFF_BUDGET.maxChars);
    expect(boundedPatch("value", big, `${big}y`)).toBeNull();
    expect(boundedLineChanges(`${big}\n`, "y\n")).toBeNull();
  });

  it("still diffs many lines of which few changed", () => {
    const before = lines(20_000, 0);
    const after = before.replace('"k500": 500,', '"k500": 501,');
    expect(boundedPatch("value", before, after)).toContain('+  "k500": 501,');
  });
});
