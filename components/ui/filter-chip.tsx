// An active filter shown as a small pill with a button that removes it.
import type { ReactNode } from "react";

export function FilterChip({ label, children, onRemove }: { label: string; children: ReactNode; onRemove: () => void }) {
  return (
    <span className="inline-flex h-7 max-w-full min-w-0 items-center gap-1 rounded-full border border-accent/40 bg-accent-soft pr-1 pl-2.5 text-xs text-accent">
      <span className="shrink-0 font-medium">{label}:</span>
      <span className="min-w-0 truncate">{children}</span>
      <button
        type="button"
        onClick={onRemove}
        aria-label={`Remove filter ${label}`}
        className="inline-flex size-5 shrink-0 items-center justify-center rounded-full hover:bg-accent/15"
      >
        <svg
          aria-hidden="true"
          viewBox="0 0 12 12"
          className="size-3"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.6"
          strokeLinecap="round"
        >
          <path d="m3 3 6 6M9 3 3 9" />
        </svg>
      </button>
    </span>
  );
}
