// Reading the audit log: filtered pages newest first (keyset on seq) and the filtered log oldest first, a page
// at a time, for exports of any length.
import { and, asc, desc, eq, gte, lt, type SQL } from "drizzle-orm";
import { auditLog } from "@/lib/store/audit-schema";
import type { Store } from "@/lib/store/open-store";

export interface AuditFilter {
  actor?: string;
  action?: string;
  cluster?: string;
  topic?: string;
  /** Inclusive lower and exclusive upper bound on the entry's time. */
  from?: Date;
  to?: Date;
}

export type AuditRow = typeof auditLog.$inferSelect;

function conditions(filter: AuditFilter): (SQL | undefined)[] {
  const a = auditLog;
  return [
    filter.actor !== undefined ? eq(a.actor, filter.actor) : undefined,
    filter.action !== undefined ? eq(a.action, filter.action) : undefined,
    filter.cluster !== undefined ? eq(a.cluster, filter.cluster) : undefined,
    filter.topic !== undefined ? eq(a.topic, filter.topic) : undefined,
    filter.from && gte(a.at, filter.from),
    filter.to && lt(a.at, filter.to),
  ];
}

/** Newest first; `beforeSeq` continues after the previous page's last entry. */
export async function listAudit(store: Store, filter: AuditFilter, page: { limit: number; beforeSeq?: bigint }) {
  const rows = await store.db
    .select()
    .from(auditLog)
    .where(and(...conditions(filter), page.beforeSeq !== undefined ? lt(auditLog.seq, page.beforeSeq) : undefined))
    .orderBy(desc(auditLog.seq))
    .limit(page.limit + 1);
  const entries = rows.slice(0, page.limit);
  return { entries, nextBeforeSeq: rows.length > page.limit ? entries.at(-1)!.seq : null };
}

/** The filtered log oldest first, a page at a time: exports, and the chain check (with no filter). */
export async function* auditRowsInOrder(store: Store, filter: AuditFilter, pageSize = 2_000): AsyncGenerator<AuditRow> {
  let after = 0n;
  for (;;) {
    const page = await store.db
      .select()
      .from(auditLog)
      .where(and(...conditions(filter), gte(auditLog.seq, after + 1n)))
      .orderBy(asc(auditLog.seq))
      .limit(pageSize);
    yield* page;
    if (page.length < pageSize) return;
    after = page.at(-1)!.seq;
  }
}
