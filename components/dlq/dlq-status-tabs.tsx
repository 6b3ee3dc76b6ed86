"use client";
// Pending / Redelivered / Discarded / All, with each one's count from the DLQ summary. Arrow keys move between tabs.
import clsx from "clsx";
import { useRef, type KeyboardEvent } from "react";
import type { DlqSummary } from "@/lib/contract/schemas";
import { formatInt64 } from "@/components/format/int64";
import { STATUS_TABS, type StatusTab } from "./dlq-list-params";

const LABELS: Record<StatusTab, string> = { pending: "Pending", redelivered: "Redelivered", discarded: "Discarded", all: "All" };

export function DlqStatusTabs({
  summary,
  value,
  onChange,
  controls,
}: {
  summary: DlqSummary | undefined;
  value: StatusTab;
  onChange: (tab: StatusTab) => void;
  /** Id of the element the tabs filter. */
  controls: string;
}) {
  const refs = useRef<(HTMLButtonElement | null)[]>([]);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
    if (step === 0) return;
    event.preventDefault();
    const next = STATUS_TABS[(STATUS_TABS.indexOf(value) + step + STATUS_TABS.length) % STATUS_TABS.length]!;
    onChange(next);
    refs.current[STATUS_TABS.indexOf(next)]?.focus();
  }

  return (
    <div role="tablist" aria-label="Message status" onKeyDown={onKeyDown} className="flex gap-1 overflow-x-auto border-b border-border">
      {STATUS_TABS.map((tab, index) => {
        const selected = tab === value;
        const count = summary ? formatInt64(tab === "all" ? summary.total : summary[tab]) : null;
        return (
          <button
            key={tab}
            ref={(element) => {
              refs.current[index] = element;
            }}
            type="button"
            role="tab"
            aria-selected={selected}
            aria-controls={controls}
            tabIndex={selected ? 0 : -1}
            onClick={() => onChange(tab)}
            className={clsx(
              "-mb-px inline-flex shrink-0 items-center gap-1 border-b-2 px-1.5 py-1.5 text-[0.8125rem] whitespace-nowrap sm:gap-1.5 sm:px-2.5 sm:text-sm",
              selected ? "border-accent font-medium text-fg" : "border-transparent text-muted hover:text-fg",
            )}
          >
            {LABELS[tab]}
            {count !== null ? (
              <span
                className={clsx("rounded px-1 font-mono text-xs tabular-nums", selected ? "bg-accent-soft text-accent" : "bg-surface-2")}
              >
                {count}
              </span>
            ) : null}
          </button>
        );
      })}
    </div>
  );
}
