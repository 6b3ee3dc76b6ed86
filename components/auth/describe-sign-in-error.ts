// The one sentence shown when signing in fails. better-auth's error bodies are not the API's {"error":…} shape,
// so the status decides, and its wording (which could hint whether a username exists) is never shown.
import { RequestError, NETWORK_ERROR_STATUS } from "@/lib/query/request-error";

export function describeSignInError(error: unknown): string {
  if (error instanceof RequestError) {
    if (error.status === 401) return "Wrong username or password";
    if (error.status === 429) return "Too many sign-in attempts — wait a minute and try again";
    if (error.status === NETWORK_ERROR_STATUS) return "The Redrive server is not reachable — try again";
  }
  return "Could not sign in — try again";
}
