// The server's auth context: the store, better-auth on it, and the session limits, built once per process.
import "server-only";
import { randomBytes } from "node:crypto";
import { serverEnv } from "@/lib/env";
import type { Store } from "@/lib/store/open-store";
import { storedValue } from "@/lib/store/store-meta";
import { getStore } from "@/lib/store/store";
import { createAuth, type Auth } from "./auth";
import { RejectedSignIns } from "./rejected-sign-ins";
import { SignInLimiter, signInLimits } from "./sign-in-limiter";

export interface AuthContext {
  store: Store;
  auth: Auth;
  maxSessionAgeMs: number;
  signInLimiter: SignInLimiter;
  rejectedSignIns: RejectedSignIns;
}

const holder = globalThis as { __redriveAuth?: Promise<AuthContext> };

/** Without REDRIVE_AUTH_SECRET, a random secret is made once and kept in the store, so sessions survive restarts. */
function storedSecret(store: Store): Promise<string> {
  return storedValue(store, "auth_secret", () => randomBytes(48).toString("base64url"));
}

export function getAuthContext(): Promise<AuthContext> {
  holder.__redriveAuth ??= (async () => {
    const env = serverEnv();
    const store = await getStore();
    const auth = createAuth(store, {
      secret: env.REDRIVE_AUTH_SECRET ?? (await storedSecret(store)),
      idleSeconds: env.REDRIVE_SESSION_IDLE_MINUTES * 60,
      signInAttemptsPerMinute: env.REDRIVE_SIGN_IN_ATTEMPTS_PER_MINUTE,
      secureCookies: env.REDRIVE_PUBLIC_URL?.startsWith("https:") ?? false,
      baseURL: env.REDRIVE_PUBLIC_URL,
    });
    return {
      store,
      auth,
      maxSessionAgeMs: env.REDRIVE_SESSION_MAX_HOURS * 3_600_000,
      signInLimiter: new SignInLimiter(signInLimits(env.REDRIVE_SIGN_IN_ATTEMPTS_PER_MINUTE)),
      rejectedSignIns: new RejectedSignIns(store),
    };
  })().catch((error: unknown) => {
    holder.__redriveAuth = undefined;
    throw error;
  });
  return holder.__redriveAuth;
}
