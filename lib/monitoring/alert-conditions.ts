// Pure alert logic: what each rule kind sees in a snapshot of the DLQs and groups, and how a rule's state moves
// (ok → firing after the condition has held `forSeconds`, firing → ok as soon as it stops holding). No I/O here.
import type { AlertKind } from "@/lib/contract/alert-schemas";

export interface AlertCondition {
  kind: AlertKind;
  /** A DLQ topic (DLQ kinds) or a consumer group (group_lag); null watches every one. */
  target: string | null;
  threshold: bigint;
  forSeconds: number;
  /** new_failure_group: groups first seen after this are new. */
  baselineAt: Date;
}

export interface MonitoringSnapshot {
  dlqs: { topic: string; pending: bigint; oldestPendingAt: Date | null }[];
  failureGroups: { topic: string; fingerprint: string; exceptionClass: string | null; firstSeen: Date; pending: bigint }[];
  /** Null when the groups could not be read (Kafka down): group_lag rules are then left as they were. */
  groups: { groupId: string; totalLag: bigint | null }[] | null;
}

export interface Observation {
  breached: boolean;
  /** What was seen, for people: "orders.DLT: 1204 pending". */
  value: string;
}

const matches = (target: string | null, name: string) => target === null || target === name;

function worst<T>(items: T[], score: (item: T) => bigint): T | undefined {
  return items.reduce<T | undefined>((best, item) => (best === undefined || score(item) > score(best) ? item : best), undefined);
}

/** What a rule sees now; null when it cannot tell (its data is unavailable). */
export function observe(condition: AlertCondition, snapshot: MonitoringSnapshot, now: Date): Observation | null {
  const { target, threshold } = condition;
  switch (condition.kind) {
    case "dlq_pending": {
      const top = worst(
        snapshot.dlqs.filter((d) => matches(target, d.topic)),
        (d) => d.pending,
      );
      if (!top) return { breached: false, value: "no DLQ indexed" };
      return { breached: top.pending > threshold, value: `${top.topic}: ${top.pending} pending` };
    }
    case "dlq_oldest_pending": {
      const ageOf = (d: MonitoringSnapshot["dlqs"][number]) =>
        d.oldestPendingAt ? BigInt(Math.max(0, Math.floor((now.getTime() - d.oldestPendingAt.getTime()) / 1000))) : -1n;
      const top = worst(
        snapshot.dlqs.filter((d) => matches(target, d.topic)),
        ageOf,
      );
      if (!top || ageOf(top) < 0n) return { breached: false, value: "nothing pending" };
      return { breached: ageOf(top) > threshold, value: `${top.topic}: oldest pending ${formatDuration(Number(ageOf(top)))} old` };
    }
    case "new_failure_group": {
      const fresh = snapshot.failureGroups.filter((g) => matches(target, g.topic) && g.firstSeen > condition.baselineAt && g.pending > 0n);
      if (fresh.length === 0) return { breached: false, value: "no new failure group" };
      const names = fresh.slice(0, 3).map((g) => `${g.exceptionClass ?? "unknown"} in ${g.topic}`);
      return { breached: true, value: `${fresh.length} new: ${names.join(", ")}${fresh.length > 3 ? ", …" : ""}` };
    }
    case "group_lag": {
      if (snapshot.groups === null) return null;
      const top = worst(
        snapshot.groups.filter((g) => matches(target, g.groupId) && g.totalLag !== null),
        (g) => g.totalLag!,
      );
      if (!top) return { breached: false, value: target ? `${target}: no lag` : "no group with lag" };
      return { breached: top.totalLag! > threshold, value: `${top.groupId}: lag ${top.totalLag}` };
    }
  }
}

export interface RuleState {
  state: "ok" | "firing";
  breachedSince: Date | null;
}

export interface Step extends RuleState {
  transition: "fire" | "resolve" | null;
}

/** The rule's next state given what it observed now; a transition is what gets posted. */
export function step(current: RuleState, observation: Observation, forSeconds: number, now: Date): Step {
  if (!observation.breached) {
    return { state: "ok", breachedSince: null, transition: current.state === "firing" ? "resolve" : null };
  }
  const since = current.breachedSince ?? now;
  if (current.state === "firing") return { state: "firing", breachedSince: since, transition: null };
  const held = (now.getTime() - since.getTime()) / 1000 >= forSeconds;
  return held ? { state: "firing", breachedSince: since, transition: "fire" } : { state: "ok", breachedSince: since, transition: null };
}

/** 90 → "1m 30s", 7200 → "2h", 90061 → "1d 1h 1m 1s" (no zero parts). */
export function formatDuration(seconds: number): string {
  if (seconds <= 0) return "0s";
  const parts: [number, string][] = [
    [Math.floor(seconds / 86_400), "d"],
    [Math.floor(seconds / 3_600) % 24, "h"],
    [Math.floor(seconds / 60) % 60, "m"],
    [seconds % 60, "s"],
  ];
  return parts
    .filter(([n]) => n > 0)
    .map(([n, unit]) => `${n}${unit}`)
    .join(" ");
}

/** What the rule watches, in words: "orders.DLT pending above 100 for 5m". */
export function describeCondition(condition: Pick<AlertCondition, "kind" | "target" | "threshold" | "forSeconds">): string {
  const forPart = condition.forSeconds > 0 ? ` for ${formatDuration(condition.forSeconds)}` : "";
  const dlq = condition.target ?? "any DLQ";
  switch (condition.kind) {
    case "dlq_pending":
      return `${dlq}: pending above ${condition.threshold}${forPart}`;
    case "dlq_oldest_pending":
      return `${dlq}: oldest pending older than ${formatDuration(Number(condition.threshold))}${forPart}`;
    case "new_failure_group":
      return `${dlq}: a new failure group appears`;
    case "group_lag":
      return `${condition.target ?? "any group"}: lag above ${condition.threshold}${forPart}`;
  }
}
