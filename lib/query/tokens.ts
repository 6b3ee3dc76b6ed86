// API tokens for scripts (admin only): the list, creating one (its secret is returned once) and revoking one.
import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { createdTokenSchema, tokenSchema, type ApiToken, type CreatedToken, type NewToken } from "@/lib/contract/auth-schemas";
import { apiGet, apiSend, encodePathSegment } from "./api-client";

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
