// GET /api/clusters/{c}/redelivery-target?topic=… – whether a redelivery may go to the topic, and why not: the
// redeliver dialogs ask before Redeliver is enabled, by the rule the redelivery itself is checked by.
import { z } from "zod";
import { parseQuery } from "@/lib/api/query-params";
import { jsonRoute } from "@/lib/api/route";
import { getCluster } from "@/lib/config/clusters";
import type { RedeliveryTargetAnswer } from "@/lib/contract/triage-schemas";
import { redeliveryTargetRefusal } from "@/lib/dlq/redelivery-target";

export const dynamic = "force-dynamic";

// Any text, not only a valid topic name: a record's original topic comes from a header and is checked as it is.
const querySchema = z.object({ topic: z.string().min(1, "a topic is required").max(1_000) });

export const GET = jsonRoute<{ cluster: string }>({ role: "operator" }, async ({ request, params }): Promise<RedeliveryTargetAnswer> => {
  const { settings } = getCluster(params.cluster);
  const { topic } = parseQuery(querySchema, new URL(request.url).searchParams);
  return { topic, refusal: redeliveryTargetRefusal(topic, settings.redeliverTargets) };
});
