// GET /api/clusters/{c}/dlqs/{topic} – one DLQ's totals by status and its oldest pending record.
// DELETE /api/clusters/{c}/dlqs/{topic} – forgets its stored records (admin; refused while any is pending or a job on
// it is unfinished).
import { jsonRoute } from "@/lib/api/route";
import { RedriveError } from "@/lib/errors";
import { clusterContext } from "@/lib/server/context";
import { summariseDlq } from "@/lib/store/dlq-queries";
import { storeRead } from "@/lib/store/store-timeout";
import { forgetDlq } from "@/lib/triage/forget-dlq";

export const dynamic = "force-dynamic";

export const GET = jsonRoute<{ cluster: string; topic: string }>({ role: "viewer" }, async ({ params }) => {
  const { store, cluster } = await clusterContext(params.cluster);
  const summary = await storeRead(store, `Reading the totals of DLQ "${params.topic}"`, () =>
    summariseDlq(store, cluster.id, params.topic),
  );
  if (!summary) throw new RedriveError("not_found", `No records of topic "${params.topic}" have been indexed as a DLQ`);
  return summary;
});

export const DELETE = jsonRoute<{ cluster: string; topic: string }>({ role: "admin" }, async ({ params, actor }) => {
  const { store, cluster } = await clusterContext(params.cluster);
  return forgetDlq(store, actor, { cluster: cluster.id, topic: params.topic });
});
