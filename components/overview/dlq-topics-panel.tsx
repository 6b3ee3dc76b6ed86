// Dead-letter topics as the indexer sees them: pending messages and how long the oldest has waited, most pending first.
import Link from "next/link";
import { hrefs } from "@/lib/contract/hrefs";
import type { DlqSummary } from "@/lib/contract/schemas";
import { compareInt64, formatInt64 } from "@/components/format/int64";
import { EmptyState } from "@/components/ui/empty-state";
import { Panel } from "@/components/ui/panel";
import { RankedList } from "@/components/ui/ranked-list";
import { RankedListItem } from "@/components/ui/ranked-list-item";
import { RankedListSkeleton } from "@/components/ui/ranked-list-skeleton";
import { RelativeTime } from "@/components/ui/relative-time";
import { linkClass } from "@/components/ui/table-styles";

/** Most pending first; then the longest-waiting; then by name, so the order is stable between polls. */
function byUrgency(a: DlqSummary, b: DlqSummary): number {
  return (
    compareInt64(b.pending, a.pending) ||
    (a.oldestPendingAt ?? "\uffff").localeCompare(b.oldestPendingAt ?? "\uffff") ||
    (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : 0)
  );
}

export function DlqTopicsPanel({
  cluster,
  dlqs,
  unavailable,
}: {
  cluster: string;
  dlqs: readonly DlqSummary[] | undefined;
  unavailable: boolean;
}) {
  const sorted = dlqs ? [...dlqs].sort(byUrgency) : undefined;

  return (
    <Panel title="Dead-letter topics" actions={sorted && sorted.length > 0 ? <span className="text-xs text-muted">Pending</span> : null}>
      {sorted && sorted.length > 0 ? (
        <RankedList label="Dead-letter topics">
          {sorted.map((dlq) => (
            <RankedListItem
              key={dlq.topic}
              subject={
                <>
                  <Link href={hrefs.dlq(cluster, dlq.topic)} title={dlq.topic} className={`${linkClass} block truncate`}>
                    {dlq.topic}
                  </Link>
                  <span className="block truncate text-xs text-muted">
                    {dlq.oldestPendingAt ? (
                      <>
                        oldest pending <RelativeTime iso={dlq.oldestPendingAt} />
                      </>
                    ) : (
                      "nothing pending"
                    )}
                    <span className="max-sm:hidden"> · {formatInt64(dlq.total)} total</span>
                  </span>
                </>
              }
              figure={
                <span
                  title={`${formatInt64(dlq.pending)} pending of ${formatInt64(dlq.total)} (${formatInt64(dlq.redelivered)} redelivered, ${formatInt64(dlq.discarded)} discarded)`}
                  className={dlq.pending !== "0" ? "font-semibold text-warn" : "text-muted"}
                >
                  {formatInt64(dlq.pending)}
                </span>
              }
            />
          ))}
        </RankedList>
      ) : sorted ? (
        <div className="rounded-lg border border-border bg-surface">
          <EmptyState title="No dead-letter topics indexed yet">
            Topics whose names match <span className="font-mono">REDRIVE_DLQ_PATTERN</span> (a <span className="font-mono">dlq</span>,{" "}
            <span className="font-mono">dlt</span> or <span className="font-mono">dead-letter</span> segment, e.g.{" "}
            <span className="font-mono">orders.DLT</span>) show here once the indexer has read them.
          </EmptyState>
        </div>
      ) : unavailable ? (
        <div className="rounded-lg border border-border bg-surface">
          <EmptyState title="Dead-letter topics unavailable">They show here once the server&apos;s index answers.</EmptyState>
        </div>
      ) : (
        <RankedListSkeleton />
      )}
    </Panel>
  );
}
