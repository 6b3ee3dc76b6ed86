// API tokens for scripts (admin only): the list, creating one (its secret is returned once) and revoking one.
import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { apiGet, apiSend, encodePathSegment } from "./api-client";
import { roleSchema, type Role } from "./me";

export const tokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: roleSchema,
  prefix: z.string(),
  createdAt: z.string(),
  createdBy: z.string().nullish(),
  expiresAt: z.string().nullish(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiToken = z.infer<typeof tokenSchema>;

/** The answer to creating a token: the only time the secret itself is sent. */
export const createdTokenSchema = tokenSchema.extend({ token: z.string() });
export type CreatedToken = z.infer<typeof createdTokenSchema>;

/** expiresInDays: null for a token that never expires. */
export type NewToken = { name: string; role: Role; expiresInDays: number | null };

export const tokenKeys = {
  all: () => ["tokens"] as const,
  list: () => [...tokenKeys.all(), "list"] as const,
};

export function fetchTokens(signal?: AbortSignal): Promise<ApiToken[]> {
  return apiGet("/api/tokens", z.array(tokenSchema), { signal });
}

export function createToken(token: NewToken): Promise<CreatedToken> {
  return apiSend("POST", "/api/tokens", token, createdTokenSchema);
}

export function revokeToken(id: string): Promise<ApiToken> {
  return apiSend("POST", `/api/tokens/${encodePathSegment(id)}/revoke`, {}, tokenSchema);
}

export const tokensQuery = () =>
  queryOptions({
    queryKey: tokenKeys.list(),
    queryFn: ({ signal }) => fetchTokens(signal),
  });

export function useTokens() {
  return useQuery(tokensQuery());
}

/** The created token's secret stays in this mutation's state only, never in the query cache. */
export function useCreateToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createToken,
    onSettled: () => queryClient.invalidateQueries({ queryKey: tokenKeys.all() }),
  });
}

export function useRevokeToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: revokeToken,
    onSettled: () => queryClient.invalidateQueries({ queryKey: tokenKeys.all() }),
  });
}
