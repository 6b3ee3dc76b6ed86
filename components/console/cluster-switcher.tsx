"use client";
// The top bar's cluster chooser: a labelled native select (keyboard and screen-reader friendly for free) that moves
// to the same section on the chosen cluster.
import { usePathname, useRouter } from "next/navigation";
import { useId } from "react";
import type { Cluster } from "@/lib/contract/schemas";
import { sameSectionOnCluster } from "@/lib/contract/hrefs";
import { clusterOptions } from "./cluster-options";

export function ClusterSwitcher({ current, clusters }: { current: string; clusters: readonly Cluster[] }) {
  const router = useRouter();
  const pathname = usePathname();
  const selectId = useId();
  const options = clusterOptions(clusters, current);
  const chosen = options.find((option) => option.value === current)?.label;

  return (
    <p className="flex min-w-0 items-center gap-2">
      {/* On a phone the select needs the room; the label stays for screen readers. */}
      <label htmlFor={selectId} className="text-xs text-muted max-sm:sr-only">
        Cluster
      </label>
      <select
        id={selectId}
        value={current}
        title={chosen}
        onChange={(event) => router.push(sameSectionOnCluster(pathname, event.target.value))}
        className="h-8 max-w-64 min-w-0 truncate rounded-md border border-border-strong bg-surface pr-7 pl-2 text-sm font-semibold text-fg focus-visible:border-focus md:max-w-sm"
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
