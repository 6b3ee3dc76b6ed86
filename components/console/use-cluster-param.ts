"use client";
// The cluster the current page belongs to, from the URL; undefined on pages outside any cluster (settings).
import { useParams } from "next/navigation";
import { useClusters } from "@/lib/query/clusters";
import { DEFAULT_CLUSTER, decodeRouteParam } from "@/lib/contract/hrefs";

export function useClusterParam(): string | undefined {
  const { cluster } = useParams<{ cluster?: string | string[] }>();
  return typeof cluster === "string" ? decodeRouteParam(cluster) : undefined;
}

/**
 * The cluster the navigation's cluster pages point at: the page's own, else the first configured one (a config file
 * need not have a cluster called `default`), else `default` until the list has loaded.
 */
export function useClusterInScope(): string {
  const fromUrl = useClusterParam();
  const { data: clusters } = useClusters();
  return fromUrl ?? clusters?.[0]?.id ?? DEFAULT_CLUSTER;
}
