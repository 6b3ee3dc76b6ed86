import { describe, expect, it } from "vitest";
import { formatEta, formatRate, formatRateLimit, jobProgress, recordCount } from "./job-format";

describe("formatEta", () => {
  it("says — when the time to go is unknown", () => {
    expect(formatEta(null)).toBe("—");
    expect(formatEta(Number.NaN)).toBe("—");
    expect(formatEta(-1)).toBe("—");
  });

  it("uses the two largest units, leaving out a zero second one", () => {
    expect(formatEta(0)).toBe("0 s");
    expect(formatEta(4.2)).toBe("5 s");
    expect(formatEta(59)).toBe("59 s");
    expect(formatEta(60)).toBe("1 min");
    expect(formatEta(200)).toBe("3 min 20 s");
    expect(formatEta(3_600)).toBe("1 h");
    expect(formatEta(7_500)).toBe("2 h 5 min");
    expect(formatEta(86_400 + 4 * 3_600 + 59)).toBe("1 d 4 h");
  });
});

describe("formatRate", () => {
  it("shows a decimal for slow jobs and whole numbers with separators for fast ones", () => {
    expect(formatRate(null)).toBe("—");
    expect(formatRate(0.4)).toBe("0.4 msg/s");
    expect(formatRate(19.96)).toBe("20 msg/s");
    expect(formatRate(12_345.6)).toBe("12,346 msg/s");
  });
});

describe("formatRateLimit", () => {
  it("names an absent limit", () => {
    expect(formatRateLimit(null)).toBe("No limit");
    expect(formatRateLimit(2_000)).toBe("2,000 msg/s");
  });
});

describe("jobProgress", () => {
  it("counts sent, failed and skipped records as processed", () => {
    expect(jobProgress({ total: 200, done: 90, failed: 6, skipped: 4 })).toEqual({ processed: 100, percent: 50 });
  });

  it("rounds down, so 100 % means finished", () => {
    expect(jobProgress({ total: 1_000, done: 999, failed: 0, skipped: 0 }).percent).toBe(99);
    expect(jobProgress({ total: 3, done: 3, failed: 0, skipped: 0 }).percent).toBe(100);
    expect(jobProgress({ total: 0, done: 0, failed: 0, skipped: 0 }).percent).toBe(100);
  });
});

describe("recordCount", () => {
  it("agrees in number", () => {
    expect(recordCount(1)).toBe("1 record");
    expect(recordCount(10_000)).toBe("10,000 records");
  });
});
