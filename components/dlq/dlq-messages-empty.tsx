// What the message table says when it has no rows: nothing indexed, nothing with this status, or nothing matching.
import type { DlqSummary } from "@/lib/contract/schemas";
import { formatInt64 } from "@/components/format/int64";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import type { StatusTab } from "./dlq-list-params";

export function DlqMessagesEmpty({
  summary,
  status,
  filtered,
  onClearFilters,
  onShowAll,
}: {
  summary: DlqSummary | undefined;
  status: StatusTab;
  filtered: boolean;
  onClearFilters: () => void;
  onShowAll: () => void;
}) {
  if (summary?.total === "0") {
    return <EmptyState title="This DLQ has no records">Records appear here within seconds of reaching the topic.</EmptyState>;
  }
  if (filtered) {
    return (
      <EmptyState title="No messages match these filters">
        <div className="flex flex-col items-center gap-3">
          <span>Try a wider time range or another search.</span>
          <Button size="sm" onClick={onClearFilters}>
            Clear filters
          </Button>
        </div>
      </EmptyState>
    );
  }
  return (
    <EmptyState title={status === "pending" ? "Nothing pending" : `No ${status} messages`}>
      <div className="flex flex-col items-center gap-3">
        <span>
          {status === "pending" ? "Every record has been redelivered or discarded." : "No record of this DLQ has that status."}
          {summary ? ` The DLQ holds ${formatInt64(summary.total)} in all.` : ""}
        </span>
        {status !== "all" ? (
          <Button size="sm" onClick={onShowAll}>
            Show all messages
          </Button>
        ) : null}
      </div>
    </EmptyState>
  );
}
