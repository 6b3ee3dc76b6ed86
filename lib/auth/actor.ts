// Who is making a request: a signed-in person or an API token, with the role that decides what it may do.
import type { AuditInput } from "@/lib/audit/audit-log";
import type { Role } from "@/lib/contract/auth-schemas";

export interface Actor {
  kind: "user" | "token" | "system";
  id: string;
  name: string;
  role: Role;
  /** How the actor is shown to people: a user's display name, a token's name. */
  displayName: string;
  /** The actor's fields for an audit entry (actor, role, source address). */
  audit: Pick<AuditInput, "actor" | "role" | "source">;
}

export function actorFor(kind: Actor["kind"], id: string, name: string, role: Role, source: string | null, displayName = name): Actor {
  const label = kind === "token" ? `token:${name}` : name;
  return { kind, id, name, role, displayName, audit: { actor: label, role, source } };
}

/** The CLI and start-up bootstrap act as "system", with admin rights, from the machine itself. */
export const systemActor = (what: string): Actor => actorFor("system", "system", `system:${what}`, "admin", "local");
