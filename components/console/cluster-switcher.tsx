"use client";
// The top bar's cluster chooser: a labelled native select (keyboard and screen-reader friendly for free) that moves
// to the same section on the chosen cluster.
import { usePathname, useRouter } from "next/navigation";
import { useId } from "react";
import type { Cluster } from "@/lib/api/schemas";
import { sameSectionOnCluster } from "@/lib/query/hrefs";

/** The option text: the name, and the id when the name alone could be mistaken (it differs from the id). */
export const clusterOptionLabel = (cluster: Pick<Cluster, "id" | "name">) => (cluster.name === cluster.id ? cluster.name : `${cluster.name} (${cluster.id})`);

export function ClusterSwitcher({ current, clusters }: { current: string; clusters: readonly Cluster[] }) {
  const router = useRouter();
  const pathname = usePathname();
  const selectId = useId();
  // A URL may name a cluster that is no longer configured: keep it chosen, so the select does not claim another.
  const options = clusters.some((cluster) => cluster.id === current)
    ? clusters.map((cluster) => ({ value: cluster.id, label: clusterOptionLabel(cluster) }))
    : [{ value: current, label: `${current} (not configured)` }, ...clusters.map((cluster) => ({ value: cluster.id, label: clusterOptionLabel(cluster) }))];

  const chosen = options.find((option) => option.value === current)?.label;

  return (
    <p className="flex min-w-0 items-center gap-2">
      <label htmlFor={selectId} className="text-xs text-muted">
        Cluster
      </label>
      <select
        id={selectId}
        value={current}
        title={chosen}
        onChange={(event) => router.push(sameSectionOnCluster(pathname, event.target.value))}
        className="h-8 max-w-64 min-w-0 truncate rounded-md md:max-w-sm border border-border-strong bg-surface pr-7 pl-2 text-sm font-semibold text-fg focus-visible:border-focus"
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </p>
  );
}
