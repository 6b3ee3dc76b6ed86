// A group's committed offset, log end and lag for every partition it has consumed.
import Link from "next/link";
import { hrefs } from "@/lib/contract/hrefs";
import type { GroupPartitionLag } from "@/lib/contract/schemas";
import { Int64Text } from "@/components/ui/int64-text";
import { TableContainer } from "@/components/ui/table-container";
import { linkClass, nameCellClass, numericClass, rowClass, tableClass, tdClass, thClass } from "@/components/ui/table-styles";
import { formatInt64 } from "@/components/format/int64";

export function OffsetsTable({ cluster, offsets }: { cluster: string; offsets: readonly GroupPartitionLag[] }) {
  const sorted = [...offsets].sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition));
  return (
    <TableContainer>
      <table aria-label="Offsets" className={`${tableClass}`}>
        <thead>
          <tr>
            <th scope="col" className={thClass}>
              Topic
            </th>
            <th scope="col" className={`${thClass} min-w-20 text-right`}>
              Partition
            </th>
            <th scope="col" className={`${thClass} min-w-20 text-right sm:min-w-28 max-sm:hidden`}>
              Committed
            </th>
            <th scope="col" className={`${thClass} min-w-20 text-right sm:min-w-28 max-sm:hidden`}>
              Log end
            </th>
            <th scope="col" className={`${thClass} min-w-20 text-right sm:min-w-28`}>
              Lag
            </th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((offset) => (
            <tr key={`${offset.topic}\u0000${offset.partition}`} className={rowClass}>
              <td className={`${tdClass} ${nameCellClass}`}>
                <Link href={hrefs.topic(cluster, offset.topic)} title={offset.topic} className={`${linkClass} block truncate`}>
                  {offset.topic}
                </Link>
              </td>
              <td className={`${tdClass} ${numericClass}`}>{offset.partition}</td>
              <td className={`${tdClass} ${numericClass} max-sm:hidden`}>
                <Int64Text value={offset.committed} nullTitle="No committed offset" />
              </td>
              <td className={`${tdClass} ${numericClass} max-sm:hidden`}>{formatInt64(offset.logEnd)}</td>
              <td className={`${tdClass} ${numericClass}`}>
                <Int64Text value={offset.lag} nullTitle="No committed offset" />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableContainer>
  );
}
