import type { Metadata } from "next";
import { Suspense } from "react";
import { DlqView } from "@/components/dlq/dlq-view";
import { decodeRouteParam } from "@/lib/contract/hrefs";

type Params = Promise<{ cluster: string; topic: string }>;

// Next.js hands generateMetadata the decoded segment but the page the raw one, so only the page decodes.
export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: `${(await params).topic} · DLQ` };
}

export default async function DlqPage({ params }: { params: Params }) {
  const { cluster, topic } = await params;
  // DlqView reads the query string (its filters), which needs a Suspense boundary.
  return (
    <Suspense>
      <DlqView key={topic} cluster={decodeRouteParam(cluster)} topic={decodeRouteParam(topic)} />
    </Suspense>
  );
}
