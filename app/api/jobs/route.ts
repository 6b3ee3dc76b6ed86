// GET /api/jobs – bulk jobs newest first, filtered by cluster, topic and state; ?cursor= pages on.
import { encodeJobCursor, parseJobListQuery } from "@/lib/api/job-params";
import { jsonRoute } from "@/lib/api/route";
import { listJobs } from "@/lib/store/job-queries";
import { getStore } from "@/lib/store/store";
import { jobToWire } from "@/lib/triage/jobs";

export const dynamic = "force-dynamic";

export const GET = jsonRoute({ role: "viewer" }, async ({ request }) => {
  const { jobs, next } = await listJobs(await getStore(), parseJobListQuery(new URL(request.url).searchParams));
  return { jobs: jobs.map(jobToWire), nextCursor: next ? encodeJobCursor(next) : null };
});
