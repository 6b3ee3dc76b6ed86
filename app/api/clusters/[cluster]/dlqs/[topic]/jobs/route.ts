// POST /api/clusters/{c}/dlqs/{topic}/jobs – a bulk redeliver or discard of the pending records matching a filter
// (or a failure group, or a selection): {dryRun: true} answers the count, the targets and a sample; otherwise the
// job is created and runs on the server (202 {jobId, total}).
import { NextResponse } from "next/server";
import { readJson } from "@/lib/api/request-guards";
import { jsonRoute } from "@/lib/api/route";
import { jobRequestSchema } from "@/lib/contract/job-schemas";
import { clusterContext } from "@/lib/server/context";
import { wakeJobRunner } from "@/lib/server/job-running";
import { createJob, dryRunJob } from "@/lib/triage/jobs";

export const dynamic = "force-dynamic";

export const POST = jsonRoute<{ cluster: string; topic: string }>({ role: "operator" }, async ({ request, params, actor }) => {
  const { cluster, kafka, store } = await clusterContext(params.cluster);
  const body = await readJson(request, jobRequestSchema);
  const where = { cluster: cluster.id, topic: params.topic };
  const topics = () => kafka.topicNames();
  const allowed = cluster.settings.redeliverTargets;
  if (body.dryRun) return dryRunJob(store, where, body, topics, allowed);
  const created = await createJob(store, where, body, actor, topics, allowed);
  wakeJobRunner(cluster.id);
  return NextResponse.json(created, { status: 202, headers: { "Cache-Control": "no-store" } });
});
