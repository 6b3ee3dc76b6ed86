// The overview's brokers: each node up or down as the admin API reports it, the controller, and the partitions short
// of replicas (under-replicated) or without a leader (offline), named so the operator knows where to look.
import Link from "next/link";
import { hrefs } from "@/lib/contract/hrefs";
import type { ClusterBrokers, PartitionRef } from "@/lib/contract/schemas";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { Panel } from "@/components/ui/panel";
import { SkeletonRows } from "@/components/ui/skeleton-rows";
import { TableContainer } from "@/components/ui/table-container";
import { linkClass, numericClass, rowClass, tableClass, tdClass, thClass } from "@/components/ui/table-styles";

/** Enough partitions to see the pattern (one topic, one node) without the list taking over the page. */
const PARTITIONS_SHOWN = 12;

function PartitionList({ cluster, label, partitions }: { cluster: string; label: string; partitions: readonly PartitionRef[] }) {
  const shown = partitions.slice(0, PARTITIONS_SHOWN);
  return (
    <div className="flex flex-wrap items-baseline gap-x-2 gap-y-1 text-sm" aria-label={label} role="group">
      <span className="text-muted">{label}</span>
      <span className={`font-medium ${partitions.length > 0 ? "text-danger" : ""}`} data-testid="count">
        {partitions.length}
      </span>
      {shown.length > 0 ? (
        <ul className="flex min-w-0 flex-wrap gap-x-2 gap-y-0.5 font-mono text-xs">
          {shown.map(({ topic, partition }) => (
            <li key={`${topic}/${partition}`} className="min-w-0 [overflow-wrap:anywhere]">
              <Link href={hrefs.topic(cluster, topic)} className={linkClass}>
                {topic}/{partition ?? "?"}
              </Link>
            </li>
          ))}
          {partitions.length > shown.length ? <li className="text-muted">and {partitions.length - shown.length} more</li> : null}
        </ul>
      ) : null}
    </div>
  );
}

export function BrokersPanel({
  cluster,
  brokers,
  unavailable,
}: {
  cluster: string;
  brokers: ClusterBrokers | undefined;
  unavailable: boolean;
}) {
  if (!brokers && unavailable) {
    return (
      <Panel title="Brokers">
        <div className="rounded-lg border border-border bg-surface">
          <EmptyState title="Brokers unavailable">Brokers show here once Kafka answers.</EmptyState>
        </div>
      </Panel>
    );
  }
  return (
    <Panel title="Brokers">
      <TableContainer className="max-h-80">
        <table className={tableClass} aria-label="Brokers">
          <thead>
            <tr>
              <th className={`${thClass} text-right`}>Node</th>
              <th className={thClass}>Address</th>
              <th className={thClass}>Status</th>
            </tr>
          </thead>
          <tbody>
            {brokers ? (
              brokers.brokers.map((broker) => (
                <tr key={broker.nodeId} className={rowClass}>
                  <td className={`${tdClass} ${numericClass} w-16`}>{broker.nodeId}</td>
                  <td className={`${tdClass} font-mono text-xs [overflow-wrap:anywhere]`}>
                    {broker.address ?? <span className="text-muted">unknown host</span>}
                  </td>
                  <td className={tdClass}>
                    <span className="flex flex-wrap items-center gap-1.5">
                      {broker.up ? <Badge tone="ok">Up</Badge> : <Badge tone="danger">Down</Badge>}
                      {broker.nodeId === brokers.controller ? <Badge tone="accent">Controller</Badge> : null}
                    </span>
                  </td>
                </tr>
              ))
            ) : (
              <SkeletonRows columns={3} rows={3} />
            )}
          </tbody>
        </table>
      </TableContainer>
      {brokers ? (
        <div className="flex flex-col gap-1.5">
          <p className="text-sm">
            <span className="text-muted">Controller </span>
            <span className="font-mono" data-testid="controller">
              {brokers.controller ?? "none"}
            </span>
          </p>
          <PartitionList cluster={cluster} label="Under-replicated partitions" partitions={brokers.underReplicated} />
          <PartitionList cluster={cluster} label="Offline partitions" partitions={brokers.offline} />
        </div>
      ) : null}
    </Panel>
  );
}
