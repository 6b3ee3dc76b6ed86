// GET /api/audit/verify – walks the hash chain: {ok, entries, head} or {ok: false, firstBadSeq, entries}.
import { jsonRoute } from "@/lib/api/route";
import { verifyAuditLog } from "@/lib/audit/audit-log";
import type { AuditVerdict } from "@/lib/contract/audit-schemas";
import { getStore } from "@/lib/store/store";

export const dynamic = "force-dynamic";

export const GET = jsonRoute({ role: "operator" }, async (): Promise<AuditVerdict> => verifyAuditLog(await getStore()));
