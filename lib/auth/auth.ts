// better-auth on the project's store: username + password sign-in, server-side sessions with an idle
// timeout, rate-limited sign-in. Sign-up is off: people are created by an admin or the CLI.
import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { username } from "better-auth/plugins";
import { eq } from "drizzle-orm";
import { USERNAME_PATTERN } from "@/lib/contract/auth-schemas";
import { log } from "@/lib/log";
import { CLIENT_ADDRESS_HEADER } from "@/lib/net/request-address";
import { account, session, user, verification } from "@/lib/store/auth-schema";
import type { Store } from "@/lib/store/open-store";

export interface AuthSettings {
  secret: string;
  idleSeconds: number;
  signInAttemptsPerMinute: number;
  /** Secure cookies; on when the console is served over TLS. */
  secureCookies: boolean;
  /** The console's public URL; without it better-auth derives the origin from each request. */
  baseURL?: string;
}

export const SESSION_COOKIE_PREFIX = "redrive";

export function createAuth(store: Store, settings: AuthSettings) {
  return betterAuth({
    appName: "Redrive",
    baseURL: settings.baseURL,
    secret: settings.secret,
    database: drizzleAdapter(store.db, { provider: "pg", schema: { user, session, account, verification } }),
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 12, maxPasswordLength: 256 },
    plugins: [username({ minUsernameLength: 2, maxUsernameLength: 64, usernameValidator: (name) => USERNAME_PATTERN.test(name) })],
    user: {
      additionalFields: {
        role: { type: "string", required: true, defaultValue: "viewer", input: false },
        disabled: { type: "boolean", required: true, defaultValue: false, input: false },
      },
    },
    session: {
      // Sliding expiry: each use after updateAge pushes expiry out by expiresIn, so expiresIn is the idle timeout.
      expiresIn: settings.idleSeconds,
      updateAge: Math.max(60, Math.floor(settings.idleSeconds / 10)),
      cookieCache: { enabled: false },
    },
    databaseHooks: {
      session: {
        create: {
          // A disabled account keeps its data but cannot start a session.
          before: async (newSession) => {
            const [owner] = await store.db.select({ disabled: user.disabled }).from(user).where(eq(user.id, newSession.userId));
            return owner && !owner.disabled ? undefined : false;
          },
        },
      },
    },
    rateLimit: {
      enabled: true,
      storage: "memory",
      window: 60,
      max: 300,
      // Per address, generous: SignInLimiter sets the real limits, per address and per username.
      customRules: { "/sign-in/username": { window: 60, max: settings.signInAttemptsPerMinute * 10 } },
    },
    // Same-origin only: a browser's Origin must be the console's own host (the CSRF check for auth routes).
    trustedOrigins: (request) => {
      const host = request?.headers.get("host");
      if (!request || !host) return [];
      const proto = request.headers.get("x-forwarded-proto") ?? new URL(request.url).protocol.replace(":", "");
      return [`${proto}://${host}`];
    },
    advanced: {
      cookiePrefix: SESSION_COOKIE_PREFIX,
      useSecureCookies: settings.secureCookies,
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax" },
      // Only the address the server resolved from the socket (lib/net/request-address), never a client-written header.
      ipAddress: { ipAddressHeaders: [CLIENT_ADDRESS_HEADER] },
    },
    telemetry: { enabled: false },
    logger: {
      level: "warn",
      log: (level, message) =>
        level === "error" ? log.error({ component: "better-auth" }, message) : log.debug({ component: "better-auth" }, message),
    },
  });
}

export type Auth = ReturnType<typeof createAuth>;
