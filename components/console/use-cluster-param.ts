"use client";
// The cluster the current page belongs to, from the URL; undefined on pages outside any cluster (settings).
import { useParams } from "next/navigation";
import { decodeRouteParam } from "@/lib/contract/hrefs";

export function useClusterParam(): string | undefined {
  const { cluster } = useParams<{ cluster?: string | string[] }>();
  return typeof cluster === "string" ? decodeRouteParam(cluster) : undefined;
}
