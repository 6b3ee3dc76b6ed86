// The signed-in user (GET /api/me) and ending every session of that user.
import { queryOptions, useMutation, useQuery } from "@tanstack/react-query";
import { meSchema, signedOutEverywhereSchema, type Me, type SignedOutEverywhere } from "@/lib/contract/auth-schemas";
import { apiGet, apiSend } from "./api-client";
import { RequestError } from "./request-error";

export const meKeys = {
  all: () => ["me"] as const,
};

/** 401 from any API call: the session has ended (expired, signed out elsewhere, or never existed). */
export function isSignedOutError(error: unknown): boolean {
  return error instanceof RequestError && error.status === 401;
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
    retry: (failureCount, error) => !(error instanceof RequestError && error.status >= 400 && error.status < 500) && failureCount < 3,
  });

export function useMe() {
  return useQuery(meQuery());
}

export function signOutEverywhere(): Promise<SignedOutEverywhere> {
  return apiSend("POST", "/api/me/sign-out-everywhere", {}, signedOutEverywhereSchema);
}

/** Ends every session of the signed-in user; the caller navigates to the sign-in page afterwards. */
export function useSignOutEverywhere() {
  return useMutation({ mutationFn: signOutEverywhere });
}
