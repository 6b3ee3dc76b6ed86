import { describe, expect, it } from "vitest";
import { linearScale, linePath, niceCeiling, summarisePoints, timeTicks } from "./chart-scale";

describe("niceCeiling", () => {
  it("rounds the top of the axis up to 1, 2, 2.5 or 5 times a power of ten", () => {
    expect([0, 1, 1.2, 3, 7, 24, 250, 251, 999, 1_001].map(niceCeiling)).toEqual([1, 1, 2, 5, 10, 25, 250, 500, 1_000, 2_000]);
    expect(niceCeiling(Number.NaN)).toBe(1);
  });
});

describe("linearScale", () => {
  it("maps a domain onto a range, inverted for the y axis", () => {
    const y = linearScale(0, 100, 150, 0);
    expect([y(0), y(50), y(100)]).toEqual([150, 75, 0]);
    expect(linearScale(5, 5, 10, 20)(5)).toBe(10);
  });
});

describe("timeTicks", () => {
  it("spaces ticks evenly with both ends", () => {
    expect(timeTicks(0, 100, 3)).toEqual([0, 50, 100]);
    expect(timeTicks(7, 9, 1)).toEqual([7]);
  });
});

describe("linePath", () => {
  const x = (at: number) => at;
  const y = (value: number) => 100 - value;
  it("draws points in time order and breaks at gaps", () => {
    const points = [
      { at: 20, value: 10 },
      { at: 10, value: 0 },
      { at: 30, value: 20 },
      { at: 100, value: 50 },
      { at: 110, value: 40 },
    ];
    expect(linePath(points, x, y, 15)).toBe("M10,100L20,90L30,80M100,50L110,60");
  });

  it("draws a lone point as a short tick", () => {
    expect(linePath([{ at: 50, value: 25 }], x, y, 10)).toBe("M48,75H52");
    expect(linePath([], x, y, 10)).toBe("");
  });
});

describe("summarisePoints", () => {
  it("says latest, highest and, for counts, the total", () => {
    expect(
      summarisePoints(
        [
          { at: 2, value: 3 },
          { at: 1, value: 9 },
        ],
        String,
        "records",
      ),
    ).toBe("latest 3, highest 9, 12 records in all over 2 points");
    expect(summarisePoints([{ at: 2, value: 3 }], String)).toBe("latest 3, highest 3 over 1 points");
    expect(summarisePoints([], String, "records")).toBe("no data");
  });
});
