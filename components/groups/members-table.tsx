// A group's connected members with the partitions assigned to each.
import type { GroupMember } from "@/lib/contract/schemas";
import { TableContainer } from "@/components/ui/table-container";
import { rowClass, tableClass, tdClass, thClass } from "@/components/ui/table-styles";
import { TruncatedText } from "@/components/ui/truncated-text";

function describeAssignments(member: GroupMember): string {
  return member.assignments
    .map((assignment) => `${assignment.topic}: ${[...assignment.partitions].sort((a, b) => a - b).join(", ")}`)
    .join("; ");
}

export function MembersTable({ members }: { members: readonly GroupMember[] }) {
  return (
    <TableContainer>
      <table aria-label="Members" className={`${tableClass} min-w-[48rem] table-fixed`}>
        <colgroup>
          <col className="w-[30%]" />
          <col className="w-[20%]" />
          <col className="w-[16%]" />
          <col />
        </colgroup>
        <thead>
          <tr>
            <th scope="col" className={thClass}>
              Member ID
            </th>
            <th scope="col" className={thClass}>
              Client ID
            </th>
            <th scope="col" className={thClass}>
              Host
            </th>
            <th scope="col" className={thClass}>
              Assignments
            </th>
          </tr>
        </thead>
        <tbody>
          {members.map((member) => {
            const assignments = describeAssignments(member);
            return (
              <tr key={member.memberId} className={rowClass}>
                <td className={tdClass}>
                  <TruncatedText text={member.memberId} className="font-mono text-xs" />
                </td>
                <td className={tdClass}>
                  <TruncatedText text={member.clientId} />
                </td>
                <td className={tdClass}>
                  <TruncatedText text={member.clientHost} className="font-mono text-xs" />
                </td>
                <td className={tdClass}>
                  {assignments ? (
                    <span title={assignments} className="line-clamp-2 font-mono text-xs [overflow-wrap:anywhere]">
                      {assignments}
                    </span>
                  ) : (
                    <span className="text-muted">No partitions assigned</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableContainer>
  );
}
