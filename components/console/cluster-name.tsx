"use client";
// A cluster named in a table row (jobs, audit): its display name when it is configured, with the id on hover; the
// bare id when it is not (a cluster removed from the config keeps its history).
import clsx from "clsx";
import { useClusters } from "@/lib/query/clusters";

export function ClusterName({ id }: { id: string }) {
  const { data: clusters } = useClusters();
  const cluster = clusters?.find((c) => c.id === id);
  return (
    <span title={cluster ? `${cluster.name} (id ${id})` : id} className={clsx("block truncate", !cluster && "font-mono text-xs")}>
      {cluster ? cluster.name : id}
    </span>
  );
}
