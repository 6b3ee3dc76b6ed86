// Signing in and out through better-auth's endpoints under /api/auth; the session cookie is HttpOnly and never read here.
import { useMutation } from "@tanstack/react-query";
import { z } from "zod";
import { apiSend } from "./api-client";

export type Credentials = { username: string; password: string };

// better-auth answers with the session and user; the page navigates away, so nothing in the body is needed.
export function signIn(credentials: Credentials): Promise<unknown> {
  return apiSend("POST", "/api/auth/sign-in/username", credentials, z.unknown());
}

export function signOut(): Promise<unknown> {
  return apiSend("POST", "/api/auth/sign-out", {}, z.unknown());
}

export function useSignIn() {
  return useMutation({ mutationFn: signIn });
}

/** Ends this browser's session; the caller navigates to the sign-in page afterwards. */
export function useSignOut() {
  return useMutation({ mutationFn: signOut });
}
