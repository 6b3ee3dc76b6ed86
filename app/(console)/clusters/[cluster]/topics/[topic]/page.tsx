import type { Metadata } from "next";
import { TopicView } from "@/components/topics/topic-view";
import { decodeRouteParam } from "@/lib/contract/hrefs";

type Params = Promise<{ cluster: string; topic: string }>;

// Next.js hands generateMetadata the decoded segment but the page the raw one, so only the page decodes.
export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: (await params).topic };
}

export default async function TopicPage({ params }: { params: Params }) {
  const { cluster, topic } = await params;
  return <TopicView key={topic} cluster={decodeRouteParam(cluster)} topic={decodeRouteParam(topic)} />;
}
