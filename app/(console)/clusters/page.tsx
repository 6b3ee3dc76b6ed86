import type { Metadata } from "next";
import { ClustersOverview } from "@/components/clusters/clusters-overview";

export const metadata: Metadata = { title: "Clusters" };

export default function ClustersPage() {
  return <ClustersOverview />;
}
