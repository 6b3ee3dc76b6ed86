// Roles and what each may do. Pure: the rules are data, tested without a server.
import { roleSchema, type Role } from "@/lib/contract/auth-schemas";

const rank: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };

/** viewer reads; operator also acts on messages; admin also manages users, tokens and settings. */
export function roleAllows(actual: Role, required: Role): boolean {
  return rank[actual] >= rank[required];
}

export function parseRole(value: unknown): Role | null {
  const parsed = roleSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
