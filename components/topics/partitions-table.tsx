// A topic's partitions: leader, replicas, in-sync replicas and offsets. Under-replicated partitions are flagged amber.
import clsx from "clsx";
import type { PartitionOffsets } from "@/lib/contract/schemas";
import { formatInt64 } from "@/components/format/int64";
import { TableContainer } from "@/components/ui/table-container";
import { numericClass, rowClass, tableClass, tdClass, thClass } from "@/components/ui/table-styles";
import { isUnderReplicated } from "./partition-health";

export function PartitionsTable({ partitions }: { partitions: readonly PartitionOffsets[] }) {
  const sorted = [...partitions].sort((a, b) => a.partition - b.partition);
  return (
    <TableContainer>
      <table aria-label="Partitions" className={tableClass}>
        <thead>
          <tr>
            <th scope="col" className={`${thClass} min-w-20 text-right`}>
              Partition
            </th>
            <th scope="col" className={`${thClass} min-w-20 text-right`}>
              Leader
            </th>
            <th scope="col" className={`${thClass} max-sm:hidden`}>
              Replicas
            </th>
            <th scope="col" className={`${thClass} w-full`}>
              ISR
            </th>
            <th scope="col" className={`${thClass} min-w-20 text-right sm:min-w-28 max-sm:hidden`}>
              Low
            </th>
            <th scope="col" className={`${thClass} min-w-20 text-right sm:min-w-28 max-sm:hidden`}>
              High
            </th>
            <th scope="col" className={`${thClass} min-w-20 text-right sm:min-w-28`}>
              Messages
            </th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((partition) => {
            const underReplicated = isUnderReplicated(partition);
            return (
              <tr key={partition.partition} className={rowClass}>
                <td className={`${tdClass} ${numericClass}`}>{partition.partition}</td>
                <td className={`${tdClass} ${numericClass}`}>
                  {partition.leader < 0 ? (
                    <span title="No leader: the partition is offline" className="text-danger">
                      none
                    </span>
                  ) : (
                    partition.leader
                  )}
                </td>
                <td className={`${tdClass} font-mono whitespace-nowrap tabular-nums max-sm:hidden`}>{partition.replicas.join(", ")}</td>
                <td className={clsx(tdClass, "font-mono whitespace-nowrap tabular-nums", underReplicated && "bg-warn-soft text-warn")}>
                  <span
                    title={
                      underReplicated
                        ? `Under-replicated: ${partition.isr.length} of ${partition.replicas.length} replicas in sync`
                        : "All replicas in sync"
                    }
                    className="inline-flex items-center gap-1.5"
                  >
                    {partition.isr.join(", ")}
                    {/* The cell keeps the plain ISR list as its text; the warning is the colour, the icon and the tooltip. */}
                    {underReplicated ? (
                      <svg
                        aria-hidden="true"
                        viewBox="0 0 16 16"
                        className="size-3.5"
                        fill="none"
                        stroke="currentColor"
                        strokeWidth="1.6"
                        strokeLinecap="round"
                      >
                        <path d="M8 1.8 15 14H1z" strokeLinejoin="round" />
                        <path d="M8 6.5v3.2M8 11.8v.1" />
                      </svg>
                    ) : null}
                  </span>
                </td>
                <td className={`${tdClass} ${numericClass} max-sm:hidden`}>{formatInt64(partition.low)}</td>
                <td className={`${tdClass} ${numericClass} max-sm:hidden`}>{formatInt64(partition.high)}</td>
                <td className={`${tdClass} ${numericClass}`}>{formatInt64(partition.messages)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableContainer>
  );
}
