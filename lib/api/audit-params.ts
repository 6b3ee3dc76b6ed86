// The audit API's query strings → filters, with a 400 naming the parameter for anything malformed.
import { z } from "zod";
import type { AuditFilter } from "@/lib/audit/audit-queries";
import { ApiError } from "./errors";

const instant = z.iso.datetime({ offset: true, message: "expected an ISO 8601 date-time, e.g. 2026-11-23T09:30:00Z" }).transform((s) => new Date(s));
const text = z.string().min(1, "must not be empty").max(1_000, "must be at most 1000 characters");

const filterShape = { actor: text.optional(), action: text.optional(), cluster: text.optional(), topic: text.optional(), from: instant.optional(), to: instant.optional() };

const listParams = z.strictObject({
  ...filterShape,
  limit: z.coerce.number({ message: "expected a number" }).int("expected a whole number").min(1, "must be at least 1").max(500, "must be at most 500").optional(),
  cursor: z.string().regex(/^\d{1,19}$/, "is not a cursor this API gave out").optional(),
});

const exportParams = z.strictObject({ ...filterShape, format: z.enum(["csv", "jsonl"], { message: "expected csv or jsonl" }).optional() });

function parse<S extends z.ZodObject>(schema: S, search: URLSearchParams): z.infer<S> {
  for (const name of search.keys()) {
    if (!(name in schema.shape)) throw new ApiError("bad_request", `Unknown query parameter "${name}"; expected one of ${Object.keys(schema.shape).join(", ")}`);
  }
  const parsed = schema.safeParse(Object.fromEntries(search));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ApiError("bad_request", `Query parameter "${issue.path.join(".")}": ${issue.message}`);
  }
  const data = parsed.data as z.infer<S> & AuditFilter;
  if (data.from && data.to && data.from >= data.to) throw new ApiError("bad_request", 'Query parameter "from" must be before "to"');
  return data;
}

export function parseAuditListQuery(search: URLSearchParams): { filter: AuditFilter; limit: number; beforeSeq?: bigint } {
  const { limit, cursor, ...filter } = parse(listParams, search);
  return { filter, limit: limit ?? 100, beforeSeq: cursor === undefined ? undefined : BigInt(cursor) };
}

export function parseAuditExportQuery(search: URLSearchParams): { filter: AuditFilter; format: "csv" | "jsonl" } {
  const { format, ...filter } = parse(exportParams, search);
  return { filter, format: format ?? "jsonl" };
}
