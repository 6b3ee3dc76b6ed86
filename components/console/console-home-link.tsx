"use client";
// The logo in the navigation: back to the overview of the cluster being looked at (the first configured one outside a cluster).
import Link from "next/link";
import { hrefs } from "@/lib/contract/hrefs";
import { RedriveMark } from "@/components/ui/redrive-mark";
import { useClusterInScope } from "./use-cluster-param";

export function ConsoleHomeLink() {
  const cluster = useClusterInScope();
  return (
    <Link href={hrefs.overview(cluster)} className="flex shrink-0 items-center gap-2 rounded-md px-1.5 font-semibold">
      <RedriveMark className="size-5" />
      <span className="max-sm:sr-only">Redrive</span>
    </Link>
  );
}
