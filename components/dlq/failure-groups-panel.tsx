"use client";
// The DLQ's failure groups (same exception, same normalised message, same original topic), most recently seen first.
// Choosing one filters the message table to it; choosing it again clears that filter. The chosen group shows the
// actions the page gives it (bulk jobs, for operators).
import clsx from "clsx";
import { memo, type ReactNode } from "react";
import type { FailureGroup } from "@/lib/api/schemas";
import { formatCount } from "@/components/format/int64";
import { EmptyState } from "@/components/ui/empty-state";
import { Panel } from "@/components/ui/panel";
import { RankedListSkeleton } from "@/components/ui/ranked-list-skeleton";
import { RelativeTime } from "@/components/ui/relative-time";
import { Sparkline } from "@/components/ui/sparkline";
import { shortClassName } from "./short-class-name";

export function FailureGroupsPanel({
  groups,
  unavailable,
  selected,
  onSelect,
  actions,
}: {
  groups: readonly FailureGroup[] | undefined;
  unavailable: boolean;
  selected: string;
  onSelect: (fingerprint: string) => void;
  actions?: (group: FailureGroup) => ReactNode;
}) {
  return (
    <Panel title="Failure groups" actions={groups && groups.length > 0 ? <span className="pr-3 text-xs text-muted">pending / total</span> : null}>
      {groups && groups.length > 0 ? (
        <ul aria-label="Failure groups" className="max-h-[28rem] divide-y divide-border overflow-auto rounded-lg border border-border bg-surface lg:max-h-[calc(100dvh-16rem)]">
          {groups.map((group) => (
            <FailureGroupItem
              key={group.fingerprint}
              group={group}
              selected={group.fingerprint === selected}
              onSelect={onSelect}
              actions={group.fingerprint === selected ? actions?.(group) : undefined}
            />
          ))}
        </ul>
      ) : groups ? (
        <div className="rounded-lg border border-border bg-surface">
          <EmptyState title="No failure groups">Groups appear as soon as records are indexed.</EmptyState>
        </div>
      ) : unavailable ? (
        <div className="rounded-lg border border-border bg-surface">
          <EmptyState title="Failure groups unavailable">They show here once the server answers.</EmptyState>
        </div>
      ) : (
        <RankedListSkeleton rows={4} />
      )}
    </Panel>
  );
}

const FailureGroupItem = memo(function FailureGroupItem({
  group,
  selected,
  onSelect,
  actions,
}: {
  group: FailureGroup;
  selected: boolean;
  onSelect: (fingerprint: string) => void;
  actions?: ReactNode;
}) {
  const exception = shortClassName(group.exceptionClass) ?? "Unknown exception";
  const reason = group.reason ?? "No failure message";
  const lastDay = group.trend.reduce((sum, n) => sum + n, 0);
  return (
    <li className={clsx("relative", selected ? "bg-accent-soft" : "hover:bg-surface-2/60")}>
      {selected ? <span aria-hidden="true" className="absolute inset-y-0 left-0 w-0.5 bg-accent" /> : null}
      <button
        type="button"
        aria-pressed={selected}
        onClick={() => onSelect(selected ? "" : group.fingerprint)}
        title={[group.exceptionClass ?? "Unknown exception", reason].join("\n")}
        className="flex w-full min-w-0 flex-col gap-1 px-3 py-2 text-left focus-visible:outline-offset-[-2px]"
      >
        <span className="flex w-full min-w-0 items-baseline gap-2">
          <span className={clsx("min-w-0 flex-1 truncate font-mono text-xs font-semibold", selected && "text-accent")}>{exception}</span>
          <span className="shrink-0 font-mono text-xs tabular-nums" title={`${formatCount(group.count)} records, ${formatCount(group.pending)} pending`}>
            <span className={group.pending > 0 ? "font-semibold text-warn" : "text-muted"}>{formatCount(group.pending)}</span>
            <span className="text-muted"> / {formatCount(group.count)}</span>
          </span>
        </span>
        <span className="block w-full truncate text-sm">{reason}</span>
        <span className="flex w-full min-w-0 items-center gap-2 text-xs text-muted">
          <span className="min-w-0 flex-1 truncate">
            {group.originalTopic ? <>from <span className="font-mono">{group.originalTopic}</span></> : "origin unknown"}
          </span>
          <Sparkline values={group.trend} label={`${formatCount(lastDay)} records in the last 24 hours, by hour`} className="text-dlq" />
        </span>
        <span className="flex w-full flex-wrap gap-x-3 text-xs text-muted">
          <span>
            first <RelativeTime iso={group.firstSeen} />
          </span>
          <span>
            last <RelativeTime iso={group.lastSeen} />
          </span>
        </span>
      </button>
      {actions ? <div className="px-3 pb-2">{actions}</div> : null}
    </li>
  );
});
