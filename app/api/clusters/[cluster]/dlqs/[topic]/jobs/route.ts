// POST /api/clusters/{c}/dlqs/{topic}/jobs – a bulk redeliver or discard of the pending records matching a filter
// (or a failure group, or a selection): {dryRun: true} answers the count, the targets and a sample; otherwise the
// job is created and runs on the server (202 {jobId, total}).
import { NextResponse } from "next/server";
import { readJson } from "@/lib/api/request-guards";
import { jsonRoute } from "@/lib/api/route";
import { getCluster } from "@/lib/config/clusters";
import { jobRequestSchema } from "@/lib/contract/job-schemas";
import { serverEnv } from "@/lib/env";
import { wakeJobRunner } from "@/lib/job-running";
import { topicNames } from "@/lib/kafka/redelivery-batch";
import { getStore } from "@/lib/store/store";
import { createJob, dryRunJob } from "@/lib/triage/jobs";

export const dynamic = "force-dynamic";

export const POST = jsonRoute<{ cluster: string; topic: string }>({ role: "operator" }, async ({ request, params, actor }) => {
  const cluster = getCluster(params.cluster);
  const body = await readJson(request, jobRequestSchema);
  const where = { cluster: cluster.id, topic: params.topic };
  const topics = () => topicNames(cluster);
  const allowed = serverEnv().REDRIVE_REDELIVER_TARGETS;
  if (body.dryRun) return dryRunJob(await getStore(), where, body, topics, allowed);
  const created = await createJob(await getStore(), where, body, actor, topics, allowed);
  wakeJobRunner();
  return NextResponse.json(created, { status: 202, headers: { "Cache-Control": "no-store" } });
});
