import { describe, expect, it } from "vitest";
import { formatTimeAgo, formatUtc } from "./relative-time";

describe("formatTimeAgo", () => {
  const now = Date.UTC(2026, 10, 23, 12, 0, 0);

  it("says just now under a second", () => {
    expect(formatTimeAgo(now - 400, now)).toBe("just now");
    expect(formatTimeAgo(now + 2000, now)).toBe("just now");
  });

  it("counts seconds, minutes, hours and days", () => {
    expect(formatTimeAgo(now - 3_000, now)).toBe("3s ago");
    expect(formatTimeAgo(now - 59_999, now)).toBe("59s ago");
    expect(formatTimeAgo(now - 60_000, now)).toBe("1m ago");
    expect(formatTimeAgo(now - 2 * 3_600_000, now)).toBe("2h ago");
    expect(formatTimeAgo(now - 3 * 86_400_000, now)).toBe("3d ago");
  });
});

describe("formatUtc", () => {
  it("prints the exact UTC time", () => {
    expect(formatUtc(Date.UTC(2026, 10, 23, 9, 30, 5, 123))).toBe("2026-11-23 09:30:05 UTC");
  });
});
