import { describe, expect, it } from "vitest";
import { MAX_BATCH, Pace } from "./job-pace";

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

describe("Pace", () => {
  it("runs unlimited jobs in full batches without waiting", () => {
    const pace = new Pace(null);
    expect(pace.batchSize()).toBe(MAX_BATCH);
    pace.sent(MAX_BATCH);
    expect(pace.delay()).toBe(0);
  });

  it("sends a fifth of a second's worth at a time, spaced to the rate", () => {
    const time = clock();
    const pace = new Pace(100, time.now);
    expect(pace.batchSize()).toBe(20);
    expect(new Pace(3).batchSize()).toBe(1);
    expect(new Pace(100_000).batchSize()).toBe(MAX_BATCH);
    expect(pace.delay()).toBe(0);
    pace.sent(20);
    expect(pace.delay()).toBe(200);
    time.advance(50);
    expect(pace.delay()).toBe(150);
  });

  it("keeps the rate over many batches even when each batch takes time", () => {
    const time = clock();
    const pace = new Pace(100, time.now);
    let sent = 0;
    for (let i = 0; i < 50; i++) {
      time.advance(pace.delay());
      time.advance(30); // the batch itself
      pace.sent(pace.batchSize());
      sent += 20;
    }
    // 1,000 records at 100/s: ten seconds, give or take the last batch's own time.
    expect(time.now() - 1_000_000).toBeGreaterThanOrEqual(9_800);
    expect(time.now() - 1_000_000).toBeLessThanOrEqual(10_100);
    expect(sent).toBe(1_000);
  });

  it("does not burst to catch up after a long wait (Kafka away): at most a second of allowance carries over", () => {
    const time = clock();
    const pace = new Pace(100, time.now);
    pace.sent(20);
    time.advance(60_000);
    let burst = 0;
    while (pace.delay() === 0) {
      pace.sent(20);
      burst += 20;
    }
    expect(burst).toBeLessThanOrEqual(120);
  });

  it("measures the rate over the last ten seconds", () => {
    const time = clock();
    const pace = new Pace(null, time.now);
    expect(pace.rate()).toBeNull();
    for (let i = 0; i < 20; i++) {
      time.advance(1_000);
      pace.sent(500);
    }
    expect(pace.rate()).toBeCloseTo(500, 0);
  });
});
