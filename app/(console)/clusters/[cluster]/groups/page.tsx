import type { Metadata } from "next";
import { Suspense } from "react";
import { GroupsView } from "@/components/groups/groups-view";
import { decodeRouteParam } from "@/lib/contract/hrefs";

export const metadata: Metadata = { title: "Consumer groups" };

export default async function GroupsPage({ params }: { params: Promise<{ cluster: string }> }) {
  const { cluster } = await params;
  // GroupsView reads the query string, which needs a Suspense boundary.
  return (
    <Suspense>
      <GroupsView cluster={decodeRouteParam(cluster)} />
    </Suspense>
  );
}
