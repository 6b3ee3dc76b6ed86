import type { ReactNode } from "react";
import { ConsoleShell } from "@/components/console/console-shell";
import { decodeRouteParam } from "@/lib/query/hrefs";

export default async function ClusterLayout({ children, params }: { children: ReactNode; params: Promise<{ cluster: string }> }) {
  const { cluster } = await params;
  return <ConsoleShell cluster={decodeRouteParam(cluster)}>{children}</ConsoleShell>;
}
