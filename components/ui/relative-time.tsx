"use client";
// A past instant as "4m ago", with the exact UTC time on hover; the UTC time itself until the clock starts.
import { formatTimeAgo, formatUtc } from "@/components/format/relative-time";
import { useNow } from "./use-now";

export function RelativeTime({ iso }: { iso: string }) {
  const now = useNow();
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return <span>{iso}</span>;
  const utc = formatUtc(ms);
  return (
    <time dateTime={iso} title={utc} className="whitespace-nowrap">
      {now === 0 ? utc : formatTimeAgo(ms, Math.max(now, ms))}
    </time>
  );
}
