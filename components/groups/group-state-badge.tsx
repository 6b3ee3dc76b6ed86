// A consumer group's state with its status colour: Stable is fine, rebalancing is a warning, Dead is a failure.
import { Badge, type BadgeTone } from "@/components/ui/badge";

const STATE_TONES: Record<string, BadgeTone> = {
  Stable: "ok",
  PreparingRebalance: "warn",
  CompletingRebalance: "warn",
  Assigning: "warn",
  Reconciling: "warn",
  Dead: "danger",
  Empty: "neutral",
};

const STATE_HINTS: Record<string, string> = {
  Stable: "Members are consuming",
  Empty: "No members are connected; committed offsets are kept",
  PreparingRebalance: "Partitions are being reassigned",
  CompletingRebalance: "Partitions are being reassigned",
  Dead: "The group has no members and no committed offsets",
};

export function GroupStateBadge({ state }: { state: string }) {
  return (
    <Badge tone={STATE_TONES[state] ?? "neutral"} title={STATE_HINTS[state]}>
      {state}
    </Badge>
  );
}
