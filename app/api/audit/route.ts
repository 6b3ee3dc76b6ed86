// GET /api/audit – the audit log newest first, filtered by actor, action, cluster, topic and time; ?cursor= pages on.
import { parseAuditListQuery } from "@/lib/api/audit-params";
import { jsonRoute } from "@/lib/api/route";
import { listAudit } from "@/lib/audit/audit-queries";
import type { AuditPage } from "@/lib/contract/audit-schemas";
import { auditEntryToWire } from "@/lib/store/audit-wire";
import { getStore } from "@/lib/store/store";

export const dynamic = "force-dynamic";

export const GET = jsonRoute({ role: "operator" }, async ({ request }): Promise<AuditPage> => {
  const { filter, limit, beforeSeq } = parseAuditListQuery(new URL(request.url).searchParams);
  const { entries, nextBeforeSeq } = await listAudit(await getStore(), filter, { limit, beforeSeq });
  return { entries: entries.map(auditEntryToWire), nextCursor: nextBeforeSeq === null ? null : nextBeforeSeq.toString() };
});
