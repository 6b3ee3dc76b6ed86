// The audit API's query strings → filters, with a 400 naming the parameter for anything malformed.
import { z } from "zod";
import type { AuditFilter } from "@/lib/audit/audit-queries";
import { auditExportFormats, auditFilterSchema, type AuditExportFormat } from "@/lib/contract/audit-schemas";
import { instantParam, parseQuery } from "./query-params";

/** The wire's filters, with from and to read as Dates. */
const filterShape = { ...auditFilterSchema.shape, from: instantParam.optional(), to: instantParam.optional() };

const listParams = z.strictObject({
  ...filterShape,
  limit: z.coerce
    .number({ message: "expected a number" })
    .int("expected a whole number")
    .min(1, "must be at least 1")
    .max(500, "must be at most 500")
    .optional(),
  cursor: z
    .string()
    .regex(/^\d{1,19}$/, "is not a cursor this API gave out")
    .optional(),
});

const exportParams = z.strictObject({
  ...filterShape,
  format: z.enum(auditExportFormats, { message: "expected csv or jsonl" }).optional(),
});

export function parseAuditListQuery(search: URLSearchParams): { filter: AuditFilter; limit: number; beforeSeq?: bigint } {
  const { limit, cursor, ...filter } = parseQuery(listParams, search);
  return { filter, limit: limit ?? 100, beforeSeq: cursor === undefined ? undefined : BigInt(cursor) };
}

export function parseAuditExportQuery(search: URLSearchParams): { filter: AuditFilter; format: AuditExportFormat } {
  const { format, ...filter } = parseQuery(exportParams, search);
  return { filter, format: format ?? "jsonl" };
}
