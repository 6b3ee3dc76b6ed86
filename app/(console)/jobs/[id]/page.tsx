import type { Metadata } from "next";
import { JobView } from "@/components/jobs/job-view";
import { decodeRouteParam } from "@/lib/contract/hrefs";

type Params = Promise<{ id: string }>;

export const metadata: Metadata = { title: "Job" };

export default async function JobPage({ params }: { params: Params }) {
  const { id } = await params;
  return <JobView key={id} id={decodeRouteParam(id)} />;
}
