"use client";
// Live-data freshness: "Updated 3s ago", ticking, with the exact UTC time on hover.
import clsx from "clsx";
import { formatTimeAgo, formatUtc } from "@/components/format/relative-time";
import { useNow } from "./use-now";

export function UpdatedAgo({ updatedAt, fetching = false, stale = false }: { updatedAt: number; fetching?: boolean; stale?: boolean }) {
  const now = useNow();
  if (updatedAt === 0 || now === 0) {
    return <span className="text-xs text-muted">Loading…</span>;
  }
  return (
    <span title={`Last updated ${formatUtc(updatedAt)}`} className="inline-flex items-center gap-1.5 text-xs whitespace-nowrap text-muted">
      <span
        aria-hidden="true"
        className={clsx("size-1.5 rounded-full", stale ? "bg-danger" : "bg-ok", fetching && "motion-safe:animate-pulse")}
      />
      Updated {formatTimeAgo(updatedAt, Math.max(now, updatedAt))}
    </span>
  );
}
