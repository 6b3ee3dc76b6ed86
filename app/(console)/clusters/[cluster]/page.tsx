import type { Metadata } from "next";
import { ClusterOverview } from "@/components/overview/cluster-overview";
import { decodeRouteParam } from "@/lib/contract/hrefs";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage({ params }: { params: Promise<{ cluster: string }> }) {
  const { cluster } = await params;
  return <ClusterOverview cluster={decodeRouteParam(cluster)} />;
}
