// Consumer groups that have committed offsets on one topic, most lagging first.
import Link from "next/link";
import { hrefs } from "@/lib/contract/hrefs";
import type { TopicGroup } from "@/lib/contract/schemas";
import { compareInt64 } from "@/components/format/int64";
import { GroupStateBadge } from "@/components/groups/group-state-badge";
import { EmptyState } from "@/components/ui/empty-state";
import { Int64Text } from "@/components/ui/int64-text";
import { TableContainer } from "@/components/ui/table-container";
import { linkClass, nameCellClass, numericClass, rowClass, tableClass, tdClass, thClass } from "@/components/ui/table-styles";

function byLagDescending(a: TopicGroup, b: TopicGroup): number {
  if (a.lag === null || b.lag === null) return a.lag === b.lag ? 0 : a.lag === null ? 1 : -1;
  return compareInt64(b.lag, a.lag);
}

export function TopicGroupsTable({ cluster, groups }: { cluster: string; groups: readonly TopicGroup[] }) {
  const sorted = [...groups].sort((a, b) => byLagDescending(a, b) || (a.groupId < b.groupId ? -1 : 1));
  return (
    <TableContainer>
      <table aria-label="Consumer groups" className={`${tableClass}`}>
        <thead>
          <tr>
            <th scope="col" className={thClass}>
              Group
            </th>
            <th scope="col" className={`${thClass}`}>
              State
            </th>
            <th scope="col" className={`${thClass} min-w-20 text-right sm:min-w-28`}>
              Lag
            </th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((group) => (
            <tr key={group.groupId} className={rowClass}>
              <td className={`${tdClass} ${nameCellClass}`}>
                <Link href={hrefs.group(cluster, group.groupId)} title={group.groupId} className={`${linkClass} block truncate`}>
                  {group.groupId}
                </Link>
              </td>
              <td className={tdClass}>
                <GroupStateBadge state={group.state} />
              </td>
              <td className={`${tdClass} ${numericClass}`}>
                <Int64Text value={group.lag} nullTitle="No committed offset" />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {groups.length === 0 ? (
        <EmptyState title="No consumer group reads this topic">No group has committed offsets on it.</EmptyState>
      ) : null}
    </TableContainer>
  );
}
