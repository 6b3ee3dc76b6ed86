import type { Metadata } from "next";
import { DlqsView } from "@/components/dlq/dlqs-view";
import { decodeRouteParam } from "@/lib/contract/hrefs";

export const metadata: Metadata = { title: "Dead-letter queues" };

export default async function DlqsPage({ params }: { params: Promise<{ cluster: string }> }) {
  const { cluster } = await params;
  return <DlqsView cluster={decodeRouteParam(cluster)} />;
}
