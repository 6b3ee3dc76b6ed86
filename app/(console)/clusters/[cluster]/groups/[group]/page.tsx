import type { Metadata } from "next";
import { GroupView } from "@/components/groups/group-view";
import { decodeRouteParam } from "@/lib/contract/hrefs";

type Params = Promise<{ cluster: string; group: string }>;

// Next.js hands generateMetadata the decoded segment but the page the raw one, so only the page decodes.
export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: (await params).group };
}

export default async function GroupPage({ params }: { params: Params }) {
  const { cluster, group } = await params;
  return <GroupView key={group} cluster={decodeRouteParam(cluster)} group={decodeRouteParam(group)} />;
}
