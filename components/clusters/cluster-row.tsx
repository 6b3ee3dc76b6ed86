"use client";
// One cluster on the clusters overview. Its brokers and DLQs are its own queries, so a cluster whose Kafka does not
// answer shows "Unreachable" (or is still checking) on its row while the other rows fill in.
import clsx from "clsx";
import Link from "next/link";
import type { Cluster } from "@/lib/contract/schemas";
import { useBrokers } from "@/lib/query/brokers";
import { useDlqs } from "@/lib/query/dlqs";
import { hrefs } from "@/lib/contract/hrefs";
import { describeLiveQueryError } from "@/components/console/describe-live-query-error";
import { formatCount, formatInt64, sumInt64 } from "@/components/format/int64";
import { Badge } from "@/components/ui/badge";
import { Skeleton } from "@/components/ui/skeleton";
import { linkClass, numericClass, rowClass, tdClass } from "@/components/ui/table-styles";

/** On a phone the cluster, its pending count and whether it answers fit; the cluster's own overview has the rest. */
export const CLUSTER_COLUMNS = [
  { label: "Cluster", className: undefined },
  { label: "Brokers up", className: "max-sm:hidden text-right" },
  { label: "DLQs", className: "max-sm:hidden text-right" },
  { label: "Pending", className: "text-right" },
  { label: "Kafka", className: undefined },
] as const;

const unknown = <span className="text-muted">—</span>;

export function ClusterRow({ cluster }: { cluster: Cluster }) {
  const brokers = useBrokers(cluster.id);
  const dlqs = useDlqs(cluster.id);
  const kafkaFailure = brokers.error ?? brokers.failureReason;
  const dlqFailure = dlqs.error ?? dlqs.failureReason;
  const addresses = cluster.brokers.join(", ");
  const up = brokers.data?.brokers.filter((broker) => broker.up).length;
  const pending = dlqs.data ? sumInt64(dlqs.data.map((dlq) => dlq.pending)) : undefined;
  const dlqError = dlqFailure ? describeLiveQueryError(dlqFailure, addresses, "the DLQ index") : undefined;
  const kafkaError = kafkaFailure ? describeLiveQueryError(kafkaFailure, addresses, "the brokers") : undefined;

  return (
    <tr className={rowClass}>
      <td className={clsx(tdClass, "max-w-0 w-full")}>
        <Link href={hrefs.overview(cluster.id)} className={clsx(linkClass, "block font-medium [overflow-wrap:anywhere]")}>
          {cluster.name}
        </Link>
        <span title={`id ${cluster.id} · ${addresses}`} className="block truncate font-mono text-xs text-muted">
          <span className="sr-only">Id: </span>
          {cluster.id}
          <span className="max-md:hidden"> · {addresses}</span>
        </span>
        {/* Under the name rather than in the narrow status column, so the reason reads on one line at any width. */}
        {kafkaFailure ? <span className="block text-xs text-danger [overflow-wrap:anywhere]">{kafkaError}</span> : null}
      </td>
      <td className={clsx(tdClass, numericClass, CLUSTER_COLUMNS[1].className)} title={addresses}>
        {brokers.data && !kafkaFailure ? (
          `${formatCount(up ?? 0)} / ${formatCount(brokers.data.brokers.length)}`
        ) : kafkaFailure ? (
          unknown
        ) : (
          <Skeleton className="ml-auto h-4 w-10" />
        )}
      </td>
      <td className={clsx(tdClass, numericClass, CLUSTER_COLUMNS[2].className)} title={dlqError}>
        {dlqs.data ? (
          <Link href={hrefs.dlqs(cluster.id)} className={linkClass}>
            {formatCount(dlqs.data.length)}
          </Link>
        ) : dlqFailure ? (
          unknown
        ) : (
          <Skeleton className="ml-auto h-4 w-8" />
        )}
      </td>
      <td className={clsx(tdClass, numericClass)} title={dlqError}>
        {pending !== undefined ? (
          <span className={pending !== "0" ? "font-semibold text-warn" : "text-muted"}>{formatInt64(pending)}</span>
        ) : dlqFailure ? (
          unknown
        ) : (
          <Skeleton className="ml-auto h-4 w-10" />
        )}
      </td>
      <td className={tdClass}>
        {kafkaFailure ? (
          <Badge tone="danger" title={kafkaError}>
            Unreachable
          </Badge>
        ) : brokers.data ? (
          <Badge tone="ok">Reachable</Badge>
        ) : (
          <span className="text-xs text-muted">Checking…</span>
        )}
      </td>
    </tr>
  );
}
