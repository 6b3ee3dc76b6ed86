"use client";
// Audit entries as a table: sequence, time, who (and their role), what, on which cluster and record, and the details.
import clsx from "clsx";
import Link from "next/link";
import { hrefs } from "@/lib/contract/hrefs";
import type { AuditEntry } from "@/lib/contract/schemas";
import { ClusterName } from "@/components/console/cluster-name";
import { RelativeTime } from "@/components/ui/relative-time";
import { TableContainer } from "@/components/ui/table-container";
import { TruncatedText } from "@/components/ui/truncated-text";
import { linkClass, numericClass, rowClass, tableClass, tdClass, thClass } from "@/components/ui/table-styles";

const COLUMNS = ["Seq", "Time", "Actor", "Action", "Cluster", "Record", "Target", "Details"] as const;

function RecordCell({ entry }: { entry: AuditEntry }) {
  if (!entry.topic) return <span className="text-muted">—</span>;
  const where = entry.partition !== null && entry.offset !== null ? `${entry.topic} · ${entry.partition}/${entry.offset}` : entry.topic;
  if (!entry.cluster || entry.partition === null || entry.offset === null) return <TruncatedText text={where} />;
  return (
    <Link
      href={hrefs.dlqMessage(entry.cluster, entry.topic, entry.partition, entry.offset)}
      className={clsx(linkClass, "block truncate")}
      title={where}
    >
      {where}
    </Link>
  );
}

function targetText(target: unknown): string {
  if (!target || typeof target !== "object") return "";
  const { topic, partition, offset } = target as { topic?: string; partition?: number; offset?: string };
  return [topic, partition !== undefined && offset !== undefined ? `${partition}/${offset}` : undefined].filter(Boolean).join(" · ");
}

export function AuditTable({ entries }: { entries: readonly AuditEntry[] }) {
  return (
    <TableContainer>
      <table aria-label="Audit log" className={tableClass}>
        <thead>
          <tr>
            {COLUMNS.map((label) => (
              <th key={label} scope="col" className={thClass}>
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => {
            const details = JSON.stringify(entry.details);
            return (
              <tr key={entry.seq} className={rowClass}>
                <td className={clsx(tdClass, numericClass)}>{entry.seq}</td>
                <td className={clsx(tdClass, "whitespace-nowrap")}>
                  <RelativeTime iso={entry.at} />
                </td>
                <td className={clsx(tdClass, "max-w-48")}>
                  <TruncatedText text={entry.actor} />
                  {entry.role ? <span className="block text-xs text-muted">{entry.role}</span> : null}
                </td>
                <td className={clsx(tdClass, "font-mono text-xs whitespace-nowrap")}>{entry.action}</td>
                <td className={clsx(tdClass, "max-w-40")}>
                  {entry.cluster ? <ClusterName id={entry.cluster} /> : <span className="text-muted">—</span>}
                </td>
                <td className={clsx(tdClass, "max-w-64")}>
                  <RecordCell entry={entry} />
                </td>
                <td className={clsx(tdClass, "max-w-56")}>
                  {targetText(entry.target) ? <TruncatedText text={targetText(entry.target)} /> : <span className="text-muted">—</span>}
                </td>
                <td className={clsx(tdClass, "max-w-80 font-mono text-xs")}>
                  {details === "{}" ? <span className="text-muted">—</span> : <TruncatedText text={details} />}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableContainer>
  );
}
