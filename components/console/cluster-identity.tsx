"use client";
// Which cluster this console is looking at, and its bootstrap brokers; the left side of the top bar.
import { useCluster } from "@/lib/query/clusters";
import { Skeleton } from "@/components/ui/skeleton";

export function ClusterIdentity({ cluster: clusterId }: { cluster: string }) {
  const { cluster, isPending, isError } = useCluster(clusterId);
  const brokers = cluster?.brokers.join(", ");
  const name = cluster?.name ?? clusterId;

  return (
    <div className="flex min-w-0 flex-1 flex-wrap items-baseline gap-x-3 gap-y-0.5 py-2">
      <p className="flex min-w-0 items-center gap-2">
        <span className="text-xs text-muted">Cluster</span>
        <span title={name} className="truncate font-semibold">
          {name}
        </span>
      </p>
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
