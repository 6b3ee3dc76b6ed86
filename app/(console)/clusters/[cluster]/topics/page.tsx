import type { Metadata } from "next";
import { Suspense } from "react";
import { TopicsView } from "@/components/topics/topics-view";
import { decodeRouteParam } from "@/lib/contract/hrefs";

export const metadata: Metadata = { title: "Topics" };

export default async function TopicsPage({ params }: { params: Promise<{ cluster: string }> }) {
  const { cluster } = await params;
  // TopicsView reads the query string, which needs a Suspense boundary.
  return (
    <Suspense>
      <TopicsView cluster={decodeRouteParam(cluster)} />
    </Suspense>
  );
}
