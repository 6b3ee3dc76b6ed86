// The audit API on the wire: the filters its list and export take as query parameters, a page of entries, and the
// chain check's verdict.
import { z } from "zod";
import { auditEntrySchema, instantSchema } from "./schemas";

const filterText = z.string().min(1, "must not be empty").max(1_000, "must be at most 1000 characters");

/** Every filter is optional; from is inclusive, to exclusive. */
export const auditFilterSchema = z.strictObject({
  actor: filterText.optional(),
  action: filterText.optional(),
  cluster: filterText.optional(),
  topic: filterText.optional(),
  from: instantSchema.optional(),
  to: instantSchema.optional(),
});
export type AuditFilterParams = z.infer<typeof auditFilterSchema>;

/** What GET /api/audit/export can write: CSV, or one JSON entry per line. */
export const auditExportFormats = ["csv", "jsonl"] as const;
export type AuditExportFormat = (typeof auditExportFormats)[number];

export const auditPageSchema = z.object({ entries: z.array(auditEntrySchema), nextCursor: z.string().nullable() });
export type AuditPage = z.infer<typeof auditPageSchema>;

export const auditVerdictSchema = z.union([
  z.object({ ok: z.literal(true), entries: z.number(), head: z.string() }),
  z.object({ ok: z.literal(false), entries: z.number(), firstBadSeq: z.string() }),
]);
export type AuditVerdict = z.infer<typeof auditVerdictSchema>;
