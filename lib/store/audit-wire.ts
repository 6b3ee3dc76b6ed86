// Audit log rows → the API's wire shape (pure): int64s as decimal strings, times as ISO UTC.
import type { AuditEntry } from "@/lib/contract/schemas";
import type { auditLog } from "./audit-schema";

export function auditEntryToWire(row: typeof auditLog.$inferSelect): AuditEntry {
  return {
    seq: row.seq.toString(),
    at: row.at.toISOString(),
    actor: row.actor,
    role: row.role,
    action: row.action,
    cluster: row.cluster,
    topic: row.topic,
    partition: row.partition,
    offset: row.offset === null ? null : row.offset.toString(),
    target: row.target ?? null,
    details: row.details,
    source: row.source,
    hash: row.hash,
  };
}
