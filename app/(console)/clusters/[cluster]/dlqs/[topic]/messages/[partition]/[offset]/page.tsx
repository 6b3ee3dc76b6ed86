import type { Metadata } from "next";
import { MessageView } from "@/components/message/message-view";
import { decodeRouteParam } from "@/lib/contract/hrefs";

type Params = Promise<{ cluster: string; topic: string; partition: string; offset: string }>;

// Next.js hands generateMetadata the decoded segments but the page the raw ones, so only the page decodes.
export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { topic, partition, offset } = await params;
  return { title: `${topic} ${partition}/${offset}` };
}

export default async function MessagePage({ params }: { params: Params }) {
  const { cluster, topic, partition, offset } = await params;
  return (
    <MessageView
      key={`${topic}/${partition}/${offset}`}
      cluster={decodeRouteParam(cluster)}
      topic={decodeRouteParam(topic)}
      partition={decodeRouteParam(partition)}
      offset={decodeRouteParam(offset)}
    />
  );
}
