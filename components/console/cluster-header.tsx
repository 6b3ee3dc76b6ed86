"use client";
// Top bar: which cluster this console is looking at, and its bootstrap brokers.
import { useCluster } from "@/lib/query/clusters";
import { Skeleton } from "@/components/ui/skeleton";
import { ThemeToggle } from "./theme-toggle";

export function ClusterHeader({ cluster: clusterId }: { cluster: string }) {
  const { cluster, isPending, isError } = useCluster(clusterId);
  const brokers = cluster?.brokers.join(", ");
  const name = cluster?.name ?? clusterId;

  return (
    <header className="flex min-h-12 items-center gap-3 border-b border-border bg-surface px-4 md:px-6">
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
      <ThemeToggle />
    </header>
  );
}
