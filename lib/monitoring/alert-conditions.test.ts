import { describe, expect, it } from "vitest";
import { describeCondition, formatDuration, observe, step, type AlertCondition, type MonitoringSnapshot } from "./alert-conditions";

const now = new Date("2026-11-23T10:00:00Z");
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);
const snapshot: MonitoringSnapshot = {
  dlqs: [
    { topic: "orders.DLT", pending: 120n, oldestPendingAt: minutesAgo(90) },
    { topic: "payments.DLT", pending: 3n, oldestPendingAt: minutesAgo(5) },
    { topic: "empty.DLT", pending: 0n, oldestPendingAt: null },
  ],
  failureGroups: [
    { topic: "orders.DLT", fingerprint: "a", exceptionClass: "OrderNotFound", firstSeen: minutesAgo(600), pending: 100n },
    { topic: "orders.DLT", fingerprint: "b", exceptionClass: "Timeout", firstSeen: minutesAgo(2), pending: 20n },
    { topic: "payments.DLT", fingerprint: "c", exceptionClass: "Declined", firstSeen: minutesAgo(1), pending: 0n },
  ],
  groups: [
    { groupId: "billing", totalLag: 5_000n },
    { groupId: "shipping", totalLag: null },
  ],
};
const condition = (c: Partial<AlertCondition> & Pick<AlertCondition, "kind">): AlertCondition => ({
  target: null,
  threshold: 0n,
  forSeconds: 0,
  baselineAt: minutesAgo(60),
  ...c,
});

describe("observe", () => {
  it("looks at the fullest matching DLQ for pending", () => {
    expect(observe(condition({ kind: "dlq_pending", threshold: 100n }), snapshot, now)).toEqual({
      breached: true,
      value: "orders.DLT: 120 pending",
    });
    expect(observe(condition({ kind: "dlq_pending", target: "payments.DLT", threshold: 3n }), snapshot, now)).toEqual({
      breached: false,
      value: "payments.DLT: 3 pending",
    });
    expect(observe(condition({ kind: "dlq_pending", target: "unknown.DLT" }), snapshot, now)).toEqual({
      breached: false,
      value: "no DLQ indexed",
    });
  });

  it("compares the oldest pending record's age in seconds", () => {
    expect(observe(condition({ kind: "dlq_oldest_pending", threshold: 3_600n }), snapshot, now)).toEqual({
      breached: true,
      value: "orders.DLT: oldest pending 1h 30m old",
    });
    expect(observe(condition({ kind: "dlq_oldest_pending", target: "payments.DLT", threshold: 3_600n }), snapshot, now)?.breached).toBe(
      false,
    );
    expect(observe(condition({ kind: "dlq_oldest_pending", target: "empty.DLT", threshold: 1n }), snapshot, now)).toEqual({
      breached: false,
      value: "nothing pending",
    });
  });

  it("counts failure groups first seen after the baseline that still have pending records", () => {
    expect(observe(condition({ kind: "new_failure_group" }), snapshot, now)).toEqual({
      breached: true,
      value: "1 new: Timeout in orders.DLT",
    });
    expect(observe(condition({ kind: "new_failure_group", target: "payments.DLT" }), snapshot, now)?.breached).toBe(false);
    expect(observe(condition({ kind: "new_failure_group", baselineAt: minutesAgo(1) }), snapshot, now)?.breached).toBe(false);
  });

  it("reads group lag, ignoring groups without committed offsets, and cannot tell while Kafka is down", () => {
    expect(observe(condition({ kind: "group_lag", threshold: 1_000n }), snapshot, now)).toEqual({
      breached: true,
      value: "billing: lag 5000",
    });
    expect(observe(condition({ kind: "group_lag", target: "shipping" }), snapshot, now)).toEqual({
      breached: false,
      value: "shipping: no lag",
    });
    expect(observe(condition({ kind: "group_lag" }), { ...snapshot, groups: null }, now)).toBeNull();
  });
});

describe("step", () => {
  const breached = { breached: true, value: "x" };
  const clear = { breached: false, value: "y" };

  it("fires at once without a duration and resolves as soon as the condition clears", () => {
    const fired = step({ state: "ok", breachedSince: null }, breached, 0, now);
    expect(fired).toEqual({ state: "firing", breachedSince: now, transition: "fire" });
    expect(step(fired, breached, 0, minutesAgo(-1)).transition).toBeNull();
    expect(step(fired, clear, 0, minutesAgo(-2))).toEqual({ state: "ok", breachedSince: null, transition: "resolve" });
    expect(step({ state: "ok", breachedSince: null }, clear, 0, now).transition).toBeNull();
  });

  it("waits until the condition has held for the duration", () => {
    const first = step({ state: "ok", breachedSince: null }, breached, 300, minutesAgo(5));
    expect(first).toEqual({ state: "ok", breachedSince: minutesAgo(5), transition: null });
    expect(step(first, breached, 300, minutesAgo(1)).transition).toBeNull();
    expect(step(first, breached, 300, now)).toEqual({ state: "firing", breachedSince: minutesAgo(5), transition: "fire" });
    // A break in the condition starts the wait over.
    const broken = step(first, clear, 300, minutesAgo(3));
    expect(step(broken, breached, 300, now)).toEqual({ state: "ok", breachedSince: now, transition: null });
  });
});

describe("wording", () => {
  it("formats durations and describes conditions", () => {
    expect([formatDuration(0), formatDuration(90), formatDuration(7_200), formatDuration(90_061)]).toEqual([
      "0s",
      "1m 30s",
      "2h",
      "1d 1h 1m 1s",
    ]);
    expect(describeCondition({ kind: "dlq_pending", target: "orders.DLT", threshold: 100n, forSeconds: 300 })).toBe(
      "orders.DLT: pending above 100 for 5m",
    );
    expect(describeCondition({ kind: "dlq_oldest_pending", target: null, threshold: 3_600n, forSeconds: 0 })).toBe(
      "any DLQ: oldest pending older than 1h",
    );
    expect(describeCondition({ kind: "new_failure_group", target: null, threshold: 0n, forSeconds: 0 })).toBe(
      "any DLQ: a new failure group appears",
    );
    expect(describeCondition({ kind: "group_lag", target: null, threshold: 10n, forSeconds: 60 })).toBe("any group: lag above 10 for 1m");
  });
});
