"use client";
// Which cluster this console is looking at, and its bootstrap brokers; the left side of the top bar. With several
// clusters configured the name becomes a switcher; with one there is nothing to choose, so it only names it.
import { useClusters } from "@/lib/query/clusters";
import { Skeleton } from "@/components/ui/skeleton";
import { ClusterSwitcher } from "./cluster-switcher";

export function ClusterIdentity({ cluster: clusterId }: { cluster: string }) {
  const { data: clusters, isPending, isError } = useClusters();
  const cluster = clusters?.find((c) => c.id === clusterId);
  const brokers = cluster?.brokers.join(", ");
  const name = cluster?.name ?? clusterId;

  return (
    <div className="flex min-w-0 flex-1 flex-wrap items-center gap-x-3 gap-y-0.5 py-2">
      {clusters && clusters.length > 1 ? (
        <ClusterSwitcher current={clusterId} clusters={clusters} />
      ) : (
        <p className="flex min-w-0 items-center gap-2">
          <span className="text-xs text-muted">Cluster</span>
          <span title={name} className="truncate font-semibold">
            {name}
          </span>
        </p>
      )}
      {isPending ? (
        <Skeleton className="h-3.5 w-40" />
      ) : brokers && brokers !== name ? (
        <p title={brokers} className="min-w-0 truncate font-mono text-xs text-muted">
          <span className="sr-only">Brokers: </span>
          {brokers}
        </p>
      ) : brokers ? null : isError ? (
        <p className="text-xs text-muted">Brokers unknown</p>
      ) : (
        <p className="text-xs text-danger">No cluster with this id is configured</p>
      )}
    </div>
  );
}
