// The signed-in user (GET /api/me), the roles the console knows, and ending every session of that user.
import { queryOptions, useMutation, useQuery } from "@tanstack/react-query";
import { z } from "zod";
import { apiGet, apiSend } from "./api-client";
import { ApiError } from "./api-error";

export const roleSchema = z.enum(["viewer", "operator", "admin"]);
export type Role = z.infer<typeof roleSchema>;
export const ROLES = roleSchema.options;

export const meSchema = z.object({
  user: z.object({ id: z.string(), username: z.string(), name: z.string().nullish(), role: roleSchema }),
  via: z.enum(["session", "token"]),
});
export type Me = z.infer<typeof meSchema>;

export const meKeys = {
  all: () => ["me"] as const,
};

/** 401 from any API call: the session has ended (expired, signed out elsewhere, or never existed). */
export function isSignedOutError(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401;
}

export function fetchMe(signal?: AbortSignal): Promise<Me> {
  return apiGet("/api/me", meSchema, { signal });
}

export const meQuery = () =>
  queryOptions({
    queryKey: meKeys.all(),
    queryFn: ({ signal }) => fetchMe(signal),
    staleTime: 60_000,
    // A 4xx will not change by asking again; a server that is restarting might.
    retry: (failureCount, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failureCount < 3,
  });

export function useMe() {
  return useQuery(meQuery());
}

export function signOutEverywhere(): Promise<{ revoked: number }> {
  return apiSend("POST", "/api/me/sign-out-everywhere", {}, z.object({ revoked: z.number().int() }));
}

/** Ends every session of the signed-in user; the caller navigates to the sign-in page afterwards. */
export function useSignOutEverywhere() {
  return useMutation({ mutationFn: signOutEverywhere });
}
