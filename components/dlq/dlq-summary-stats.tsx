// The DLQ's totals by status and how long the oldest pending record has waited.
import type { DlqSummary } from "@/lib/contract/schemas";
import { formatCount, formatInt64 } from "@/components/format/int64";
import { RelativeTime } from "@/components/ui/relative-time";
import { Skeleton } from "@/components/ui/skeleton";
import { Stat } from "@/components/ui/stat";
import { StatGrid } from "@/components/ui/stat-grid";

export function DlqSummaryStats({ summary, groupCount }: { summary: DlqSummary | undefined; groupCount: number | undefined }) {
  const figure = (value: string | undefined, className?: string) =>
    value === undefined ? (
      <Skeleton className="h-6 w-14" />
    ) : (
      <span className={value !== "0" ? className : undefined}>{formatInt64(value)}</span>
    );
  return (
    <StatGrid label="DLQ summary">
      <Stat label="Pending" numeric>
        {figure(summary?.pending, "text-warn")}
      </Stat>
      <Stat label="Redelivered" numeric>
        {figure(summary?.redelivered, "text-ok")}
      </Stat>
      <Stat label="Discarded" numeric>
        {figure(summary?.discarded)}
      </Stat>
      <Stat label="Total" numeric>
        {figure(summary?.total)}
      </Stat>
      <Stat label="Oldest pending">
        {summary === undefined ? (
          <Skeleton className="h-6 w-16" />
        ) : summary.oldestPendingAt ? (
          <span className="text-warn">
            <RelativeTime iso={summary.oldestPendingAt} />
          </span>
        ) : (
          <span className="text-ok">Nothing pending</span>
        )}
      </Stat>
      <Stat label="Failure groups" numeric>
        {groupCount === undefined ? <Skeleton className="h-6 w-10" /> : formatCount(groupCount)}
      </Stat>
    </StatGrid>
  );
}
