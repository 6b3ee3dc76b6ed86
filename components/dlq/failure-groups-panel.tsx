"use client";
// The DLQ's failure groups (same exception, same normalised message, same original topic), most recently seen first.
// Choosing one filters the message table to it; choosing it again clears that filter. The chosen group shows the
// actions the page gives it (bulk jobs, for operators). A DLQ can hold 100,000 groups: the list is virtualised (only
// the rows in view are in the page) and loads the next page of groups as it is scrolled near its end.
import { useVirtualizer } from "@tanstack/react-virtual";
import clsx from "clsx";
import { memo, useEffect, useRef, type ReactNode } from "react";
import type { FailureGroup } from "@/lib/contract/schemas";
import { formatCount } from "@/components/format/int64";
import { EmptyState } from "@/components/ui/empty-state";
import { Panel } from "@/components/ui/panel";
import { RankedListSkeleton } from "@/components/ui/ranked-list-skeleton";
import { RelativeTime } from "@/components/ui/relative-time";
import { Sparkline } from "@/components/ui/sparkline";
import { shortClassName } from "./short-class-name";

/** A group's row without actions (four lines); rows are measured, this only places them before they are. */
const ESTIMATED_ROW_HEIGHT = 97;
/** Start loading the next page this many groups before the end. */
const LOAD_AHEAD_ROWS = 20;

export function FailureGroupsPanel({
  groups,
  total,
  hasNextPage,
  isFetchingNextPage,
  fetchNextPage,
  unavailable,
  selected,
  onSelect,
  actions,
}: {
  groups: readonly FailureGroup[] | undefined;
  /** How many groups the DLQ has in all (the pages loaded may hold fewer). */
  total: number | undefined;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
  unavailable: boolean;
  selected: string;
  onSelect: (fingerprint: string) => void;
  actions?: (group: FailureGroup) => ReactNode;
}) {
  const shown = groups && total !== undefined && total > groups.length ? `${formatCount(groups.length)} of ${formatCount(total)} · ` : "";
  return (
    <Panel
      title="Failure groups"
      actions={groups && groups.length > 0 ? <span className="pr-3 text-xs text-muted">{shown}pending / total</span> : null}
    >
      {groups && groups.length > 0 ? (
        <GroupList
          groups={groups}
          hasNextPage={hasNextPage}
          isFetchingNextPage={isFetchingNextPage}
          fetchNextPage={fetchNextPage}
          selected={selected}
          onSelect={onSelect}
          actions={actions}
        />
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

function GroupList({
  groups,
  hasNextPage,
  isFetchingNextPage,
  fetchNextPage,
  selected,
  onSelect,
  actions,
}: {
  groups: readonly FailureGroup[];
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
  selected: string;
  onSelect: (fingerprint: string) => void;
  actions?: (group: FailureGroup) => ReactNode;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // The React Compiler is not enabled here; useVirtualizer re-renders this component itself on scroll.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: groups.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ESTIMATED_ROW_HEIGHT,
    getItemKey: (index) => groups[index]?.fingerprint ?? index,
    overscan: 6,
    initialRect: { width: 0, height: 600 },
  });
  const rows = virtualizer.getVirtualItems();
  const lastIndex = rows[rows.length - 1]?.index ?? -1;

  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && lastIndex >= groups.length - LOAD_AHEAD_ROWS) fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, lastIndex, groups.length, fetchNextPage]);

  return (
    <div ref={scrollRef} className="max-h-[28rem] overflow-auto rounded-lg border border-border bg-surface lg:max-h-[calc(100dvh-16rem)]">
      <ul
        aria-label="Failure groups"
        aria-busy={isFetchingNextPage || undefined}
        className="relative"
        style={{ height: virtualizer.getTotalSize() }}
      >
        {rows.map((row) => {
          const group = groups[row.index]!;
          return (
            <FailureGroupItem
              key={row.key}
              index={row.index}
              measure={virtualizer.measureElement}
              top={row.start}
              group={group}
              selected={group.fingerprint === selected}
              onSelect={onSelect}
              actions={group.fingerprint === selected ? actions?.(group) : undefined}
            />
          );
        })}
      </ul>
    </div>
  );
}

const FailureGroupItem = memo(function FailureGroupItem({
  index,
  measure,
  top,
  group,
  selected,
  onSelect,
  actions,
}: {
  index: number;
  measure: (element: Element | null) => void;
  top: number;
  group: FailureGroup;
  selected: boolean;
  onSelect: (fingerprint: string) => void;
  actions?: ReactNode;
}) {
  const exception = shortClassName(group.exceptionClass) ?? "Unknown exception";
  const reason = group.reason ?? "No failure message";
  const lastDay = group.trend.reduce((sum, n) => sum + n, 0);
  return (
    <li
      ref={measure}
      data-index={index}
      style={{ transform: `translateY(${top}px)` }}
      className={clsx("absolute inset-x-0 top-0 border-b border-border", selected ? "bg-accent-soft" : "hover:bg-surface-2/60")}
    >
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
          <span
            className="shrink-0 font-mono text-xs tabular-nums"
            title={`${formatCount(group.count)} records, ${formatCount(group.pending)} pending`}
          >
            <span className={group.pending > 0 ? "font-semibold text-warn" : "text-muted"}>{formatCount(group.pending)}</span>
            <span className="text-muted"> / {formatCount(group.count)}</span>
          </span>
        </span>
        <span className="block w-full truncate text-sm">{reason}</span>
        <span className="flex w-full min-w-0 items-center gap-2 text-xs text-muted">
          <span className="min-w-0 flex-1 truncate">
            {group.originalTopic ? (
              <>
                from <span className="font-mono">{group.originalTopic}</span>
              </>
            ) : (
              "origin unknown"
            )}
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
