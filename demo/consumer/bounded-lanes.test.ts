import { describe, expect, it } from "vitest";
import { runInLanes } from "./bounded-lanes";

const tick = () => new Promise((resolve) => setTimeout(resolve, 2));

describe("runInLanes", () => {
  it("never has more than the limit in flight, and keeps each lane's order", async () => {
    const items = Array.from({ length: 40 }, (_, i) => ({ lane: `k${i % 7}`, i }));
    let inFlight = 0;
    let peak = 0;
    const order = new Map<string, number[]>();
    await runInLanes(
      items,
      (item) => item.lane,
      3,
      async (item) => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        await tick();
        order.set(item.lane, [...(order.get(item.lane) ?? []), item.i]);
        inFlight--;
      },
      () => false,
    );
    expect(peak).toBe(3);
    for (const seen of order.values()) expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect([...order.values()].flat()).toHaveLength(40);
  });

  it("starts nothing once stopping, but lets the items in flight finish", async () => {
    const done: number[] = [];
    let stopping = false;
    await runInLanes(
      [0, 1, 2, 3, 4, 5],
      (i) => `l${i}`,
      2,
      async (i) => {
        if (i === 1) stopping = true;
        await tick();
        done.push(i);
      },
      () => stopping,
    );
    expect(done.sort()).toEqual([0, 1]);
  });

  it("rethrows an item's error once everything it started has settled", async () => {
    const finished: number[] = [];
    const run = runInLanes(
      [0, 1, 2, 3],
      (i) => `l${i}`,
      2,
      async (i) => {
        if (i === 0) throw new Error("boom");
        await tick();
        finished.push(i);
      },
      () => false,
    );
    await expect(run).rejects.toThrow("boom");
    expect(finished).toEqual([1]);
  });
});
