// The audit log (operator and admin): filtered pages newest first, export links and the chain check.
import { useInfiniteQuery, useMutation } from "@tanstack/react-query";
import { auditPageSchema, auditVerdictSchema, type AuditExportFormat, type AuditFilterParams } from "@/lib/contract/audit-schemas";
import { apiGet } from "./api-client";

export const auditKeys = { all: () => ["audit"] as const, list: (filter: AuditFilterParams) => ["audit", "list", filter] as const };

export function auditSearch(filter: AuditFilterParams, extra: Record<string, string | undefined> = {}): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries({ ...filter, ...extra })) if (value) params.set(name, value);
  const query = params.toString();
  return query ? `?${query}` : "";
}

export const auditExportHref = (filter: AuditFilterParams, format: AuditExportFormat) =>
  `/api/audit/export${auditSearch(filter, { format })}`;

export function useAuditLog(filter: AuditFilterParams) {
  return useInfiniteQuery({
    queryKey: auditKeys.list(filter),
    queryFn: ({ pageParam, signal }) =>
      apiGet(`/api/audit${auditSearch(filter, { limit: "100", cursor: pageParam ?? undefined })}`, auditPageSchema, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    refetchInterval: 10_000,
  });
}

export function useVerifyAudit() {
  return useMutation({ mutationFn: () => apiGet("/api/audit/verify", auditVerdictSchema) });
}
