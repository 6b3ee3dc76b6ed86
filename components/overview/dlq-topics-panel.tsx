// Dead-letter topics on the cluster with how many messages each holds, fullest first.
import Link from "next/link";
import type { TopicSummary } from "@/lib/api/schemas";
import { hrefs } from "@/lib/query/hrefs";
import { compareInt64, formatInt64 } from "@/components/format/int64";
import { EmptyState } from "@/components/ui/empty-state";
import { Panel } from "@/components/ui/panel";
import { RankedList } from "@/components/ui/ranked-list";
import { RankedListItem } from "@/components/ui/ranked-list-item";
import { RankedListSkeleton } from "@/components/ui/ranked-list-skeleton";
import { linkClass } from "@/components/ui/table-styles";

export function DlqTopicsPanel({ cluster, topics, unavailable }: { cluster: string; topics: readonly TopicSummary[] | undefined; unavailable: boolean }) {
  const dlqs = topics?.filter((topic) => topic.isDlq).sort((a, b) => compareInt64(b.messages, a.messages) || (a.name < b.name ? -1 : 1));

  return (
    <Panel
      title="Dead-letter topics"
      actions={dlqs && dlqs.length > 0 ? <span className="text-xs text-muted">Messages</span> : null}
    >
      {dlqs && dlqs.length > 0 ? (
        <RankedList label="Dead-letter topics">
          {dlqs.map((topic) => (
            <RankedListItem
              key={topic.name}
              subject={
                <Link href={hrefs.topic(cluster, topic.name)} title={topic.name} className={`${linkClass} block truncate`}>
                  {topic.name}
                </Link>
              }
              figure={
                <span title={`${formatInt64(topic.messages)} messages`} className={topic.messages !== "0" ? "font-semibold text-warn" : "text-muted"}>
                  {formatInt64(topic.messages)}
                </span>
              }
            />
          ))}
        </RankedList>
      ) : dlqs ? (
        <div className="rounded-lg border border-border bg-surface">
          <EmptyState title="No dead-letter topics match REDRIVE_DLQ_PATTERN">
            Names with a <span className="font-mono">dlq</span>, <span className="font-mono">dlt</span> or{" "}
            <span className="font-mono">dead-letter</span> segment are picked up, e.g. <span className="font-mono">orders.DLT</span>.
          </EmptyState>
        </div>
      ) : unavailable ? (
        <div className="rounded-lg border border-border bg-surface">
          <EmptyState title="Topics unavailable">Dead-letter topics show here once Kafka answers.</EmptyState>
        </div>
      ) : (
        <RankedListSkeleton />
      )}
    </Panel>
  );
}
