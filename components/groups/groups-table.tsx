// The consumer groups list: one row per group, sortable by id and by total lag.
import Link from "next/link";
import type { ReactNode } from "react";
import { hrefs } from "@/lib/contract/hrefs";
import type { GroupSummary } from "@/lib/contract/schemas";
import { formatCount } from "@/components/format/int64";
import { Int64Text } from "@/components/ui/int64-text";
import { SortableHeader } from "@/components/ui/sortable-header";
import { TableContainer } from "@/components/ui/table-container";
import { linkClass, nameCellClass, numericClass, rowClass, tableClass, tdClass, thClass } from "@/components/ui/table-styles";
import { TruncatedText } from "@/components/ui/truncated-text";
import type { SortDirection } from "@/components/topics/topic-list-params";
import type { GroupSortKey } from "./group-list-params";
import { GroupStateBadge } from "./group-state-badge";

export function GroupsTable({
  cluster,
  groups,
  sort,
  direction,
  onSort,
  empty,
}: {
  cluster: string;
  groups: readonly GroupSummary[];
  sort: GroupSortKey;
  direction: SortDirection;
  onSort: (key: GroupSortKey) => void;
  empty?: ReactNode;
}) {
  return (
    <TableContainer className="max-h-[max(22rem,calc(100dvh-15rem))]">
      <table aria-label="Consumer groups" className={`${tableClass}`}>
        <thead>
          <tr>
            <SortableHeader label="Group" active={sort === "group"} direction={direction} onSort={() => onSort("group")} />
            <th scope="col" className={`${thClass}`}>
              State
            </th>
            <th scope="col" className={`${thClass} min-w-20 text-right sm:min-w-28 max-sm:hidden`}>
              Members
            </th>
            <th scope="col" className={`${thClass} max-sm:hidden`}>
              Topics
            </th>
            <SortableHeader
              label="Total lag"
              align="right"
              className="min-w-24 sm:min-w-32"
              active={sort === "lag"}
              direction={direction}
              onSort={() => onSort("lag")}
            />
          </tr>
        </thead>
        <tbody>
          {groups.map((group) => (
            <tr key={group.groupId} className={rowClass}>
              <td className={`${tdClass} ${nameCellClass}`}>
                <Link href={hrefs.group(cluster, group.groupId)} title={group.groupId} className={`${linkClass} block truncate`}>
                  {group.groupId}
                </Link>
              </td>
              <td className={tdClass}>
                <GroupStateBadge state={group.state} />
              </td>
              <td className={`${tdClass} ${numericClass} max-sm:hidden`}>{formatCount(group.members)}</td>
              <td className={`${tdClass} max-w-64 max-sm:hidden`}>
                {group.topics.length > 0 ? (
                  <TruncatedText text={group.topics.join(", ")} />
                ) : (
                  <span className="text-muted" title="No committed offsets">
                    —
                  </span>
                )}
              </td>
              <td className={`${tdClass} ${numericClass}`}>
                <Int64Text value={group.totalLag} nullTitle="No committed offset" />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {groups.length === 0 ? empty : null}
    </TableContainer>
  );
}
