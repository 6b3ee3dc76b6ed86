// The ten consumer groups furthest behind, so a stuck consumer is visible from the overview.
import Link from "next/link";
import { hrefs } from "@/lib/contract/hrefs";
import type { GroupSummary } from "@/lib/contract/schemas";
import { mostLaggingGroups } from "@/components/groups/group-list-params";
import { GroupStateBadge } from "@/components/groups/group-state-badge";
import { EmptyState } from "@/components/ui/empty-state";
import { Int64Text } from "@/components/ui/int64-text";
import { Panel } from "@/components/ui/panel";
import { RankedList } from "@/components/ui/ranked-list";
import { RankedListItem } from "@/components/ui/ranked-list-item";
import { RankedListSkeleton } from "@/components/ui/ranked-list-skeleton";
import { linkClass } from "@/components/ui/table-styles";

const LIMIT = 10;

export function LaggingGroupsPanel({
  cluster,
  groups,
  unavailable,
}: {
  cluster: string;
  groups: readonly GroupSummary[] | undefined;
  unavailable: boolean;
}) {
  const top = groups ? mostLaggingGroups(groups, LIMIT) : undefined;

  return (
    <Panel
      title="Most lagging consumer groups"
      actions={
        <Link href={hrefs.groups(cluster)} className={`${linkClass} text-xs`}>
          All groups
        </Link>
      }
    >
      {top && top.length > 0 ? (
        <RankedList label="Most lagging consumer groups">
          {top.map((group) => (
            <RankedListItem
              key={group.groupId}
              subject={
                <Link href={hrefs.group(cluster, group.groupId)} title={group.groupId} className={`${linkClass} block truncate`}>
                  {group.groupId}
                </Link>
              }
              detail={<GroupStateBadge state={group.state} />}
              figure={
                <span title="Total lag">
                  <Int64Text value={group.totalLag} nullTitle="No committed offset" />
                </span>
              }
            />
          ))}
        </RankedList>
      ) : top ? (
        <div className="rounded-lg border border-border bg-surface">
          <EmptyState title="No consumer groups with committed offsets">Lag shows here once a group commits an offset.</EmptyState>
        </div>
      ) : unavailable ? (
        <div className="rounded-lg border border-border bg-surface">
          <EmptyState title="Consumer groups unavailable">Lag shows here once Kafka answers.</EmptyState>
        </div>
      ) : (
        <RankedListSkeleton />
      )}
    </Panel>
  );
}
