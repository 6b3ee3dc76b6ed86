import type { Metadata } from "next";
import { Suspense } from "react";
import { JobsView } from "@/components/jobs/jobs-view";

export const metadata: Metadata = { title: "Jobs" };

export default function JobsPage() {
  // JobsView keeps its filters in the query string, which needs a Suspense boundary.
  return (
    <Suspense>
      <JobsView />
    </Suspense>
  );
}
