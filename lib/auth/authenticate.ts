// Turns a request into an Actor — from an API token or a session cookie — and enforces roles. Every route
// handler calls requireRole (through the route wrapper), so no route relies on middleware for access control.
import "server-only";
import { eq } from "drizzle-orm";
import { RedriveError } from "@/lib/errors";
import { requestAddress } from "@/lib/net/request-address";
import { session as sessionTable } from "@/lib/store/auth-schema";
import { actorFor, type Actor } from "./actor";
import type { Role } from "@/lib/contract/auth-schemas";
import { parseRole, roleAllows } from "./roles";
import { getAuthContext } from "./server-auth";
import { actorForToken } from "./tokens";
import { countUsers } from "./users";

export async function authenticate(headers: Headers): Promise<Actor | null> {
  const { store, auth, maxSessionAgeMs } = await getAuthContext();
  const source = requestAddress(headers);
  const bearer = headers.get("authorization")?.match(/^Bearer\s+(\S+)$/i)?.[1];
  // A request that presents a token is judged by the token alone, never by a cookie it also carries.
  if (headers.has("authorization")) return bearer ? actorForToken(store, bearer, source) : null;

  const found = await auth.api.getSession({ headers });
  if (!found) return null;
  const { user, session } = found;
  const role = parseRole(user.role);
  if (!role || user.disabled) return null;
  if (Date.now() - new Date(session.createdAt).getTime() > maxSessionAgeMs) {
    // Past the absolute limit a session ends however active it is.
    await store.db.delete(sessionTable).where(eq(sessionTable.id, session.id));
    return null;
  }
  return actorFor("user", user.id, user.username ?? user.name, role, source, user.name);
}

let usersExist = false;

/** True until the first user exists: the console then serves only the instructions for creating one. */
export async function setupRequired(): Promise<boolean> {
  if (usersExist) return false;
  usersExist = (await countUsers((await getAuthContext()).store)) > 0;
  return !usersExist;
}

export async function requireRole(headers: Headers, role: Role): Promise<Actor> {
  if (await setupRequired()) {
    throw new RedriveError(
      "setup_required",
      "Redrive has no users yet: set REDRIVE_ADMIN_PASSWORD and restart, or create one with `npm run redrive -- user create`",
    );
  }
  const actor = await authenticate(headers);
  if (!actor) throw new RedriveError("unauthorized", "Sign in, or send an API token as Authorization: Bearer <token>");
  if (!roleAllows(actor.role, role)) throw new RedriveError("forbidden", `This needs the ${role} role; ${actor.name} has ${actor.role}`);
  return actor;
}
