// The audit log (operator and admin): filtered pages newest first, export links and the chain check.
import { useInfiniteQuery, useMutation } from "@tanstack/react-query";
import { z } from "zod";
import { auditEntrySchema } from "@/lib/contract/schemas";
import { apiGet } from "./api-client";

export interface AuditFilter {
  actor?: string;
  action?: string;
  topic?: string;
  /** ISO UTC bounds: from inclusive, to exclusive. */
  from?: string;
  to?: string;
}

export const auditPageSchema = z.object({ entries: z.array(auditEntrySchema), nextCursor: z.string().nullable() });
export const auditVerdictSchema = z.union([
  z.object({ ok: z.literal(true), entries: z.number(), head: z.string() }),
  z.object({ ok: z.literal(false), entries: z.number(), firstBadSeq: z.string() }),
]);
export type AuditVerdict = z.infer<typeof auditVerdictSchema>;

export const auditKeys = { all: () => ["audit"] as const, list: (filter: AuditFilter) => ["audit", "list", filter] as const };

export function auditSearch(filter: AuditFilter, extra: Record<string, string | undefined> = {}): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries({ ...filter, ...extra })) if (value) params.set(name, value);
  const query = params.toString();
  return query ? `?${query}` : "";
}

export const auditExportHref = (filter: AuditFilter, format: "csv" | "jsonl") => `/api/audit/export${auditSearch(filter, { format })}`;

export function useAuditLog(filter: AuditFilter) {
  return useInfiniteQuery({
    queryKey: auditKeys.list(filter),
    queryFn: ({ pageParam, signal }) => apiGet(`/api/audit${auditSearch(filter, { limit: "100", cursor: pageParam ?? undefined })}`, auditPageSchema, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    refetchInterval: 10_000,
  });
}

export function useVerifyAudit() {
  return useMutation({ mutationFn: () => apiGet("/api/audit/verify", auditVerdictSchema) });
}
