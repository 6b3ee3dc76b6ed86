// People who use the console: created by an admin (or the CLI), with a role, disabled rather than deleted
// so the audit log's actors keep meaning something. Every change is audited in the same transaction.
import { randomUUID } from "node:crypto";
import { hashPassword } from "better-auth/crypto";
import { and, asc, count, eq, ne } from "drizzle-orm";
import { appendAudit } from "@/lib/audit/audit-log";
import { roleSchema, type NewUser, type User, type UserChange } from "@/lib/contract/auth-schemas";
import { RedriveError } from "@/lib/errors";
import { account, session, user } from "@/lib/store/auth-schema";
import type { Store } from "@/lib/store/open-store";
import type { Actor } from "./actor";

type UserRow = typeof user.$inferSelect;

function view(row: UserRow): User {
  return {
    id: row.id,
    username: row.username ?? row.email,
    name: row.name,
    role: roleSchema.catch("viewer").parse(row.role),
    disabled: row.disabled,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function countUsers(store: Store): Promise<number> {
  const [row] = await store.db.select({ n: count() }).from(user);
  return row?.n ?? 0;
}

export async function listUsers(store: Store): Promise<User[]> {
  return (await store.db.select().from(user).orderBy(asc(user.username))).map(view);
}

export async function createUser(store: Store, actor: Actor, input: NewUser): Promise<User> {
  const username = input.username.toLowerCase();
  const passwordHash = await hashPassword(input.password);
  return store.db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: user.id }).from(user).where(eq(user.username, username));
    if (existing) throw new RedriveError("conflict", `A user named "${username}" already exists`);
    const id = randomUUID();
    const [row] = await tx
      .insert(user)
      // better-auth requires an e-mail; Redrive signs in by username, so the address is only an identifier.
      .values({
        id,
        name: input.name || username,
        email: `${username}@users.redrive.invalid`,
        username,
        displayUsername: username,
        role: input.role,
      })
      .returning();
    await tx.insert(account).values({ id: randomUUID(), accountId: id, providerId: "credential", userId: id, password: passwordHash });
    await appendAudit(tx, { ...actor.audit, action: "user.create", details: { userId: id, username, role: input.role } });
    return view(row!);
  });
}

export async function updateUser(store: Store, actor: Actor, id: string, change: UserChange): Promise<User> {
  const passwordHash = change.password ? await hashPassword(change.password) : undefined;
  return store.db.transaction(async (tx) => {
    const [current] = await tx.select().from(user).where(eq(user.id, id)).for("update");
    if (!current) throw new RedriveError("not_found", `No user with id "${id}"`);
    const losesAdmin =
      current.role === "admin" && !current.disabled && ((change.role && change.role !== "admin") || change.disabled === true);
    if (losesAdmin) {
      const [others] = await tx
        .select({ n: count() })
        .from(user)
        .where(and(eq(user.role, "admin"), eq(user.disabled, false), ne(user.id, id)));
      if (!others?.n) throw new RedriveError("conflict", "This would leave no enabled admin");
    }
    const [row] = await tx
      .update(user)
      .set({ role: change.role ?? current.role, disabled: change.disabled ?? current.disabled, updatedAt: new Date() })
      .where(eq(user.id, id))
      .returning();
    if (passwordHash) {
      await tx
        .update(account)
        .set({ password: passwordHash, updatedAt: new Date() })
        .where(and(eq(account.userId, id), eq(account.providerId, "credential")));
    }
    // A role change, a disabled account or a new password ends the user's current sessions.
    await tx.delete(session).where(eq(session.userId, id));
    await appendAudit(tx, {
      ...actor.audit,
      action: "user.update",
      details: {
        userId: id,
        username: current.username,
        ...(change.role && { role: { from: current.role, to: change.role } }),
        ...(change.disabled !== undefined && { disabled: change.disabled }),
        ...(passwordHash && { passwordChanged: true }),
      },
    });
    return view(row!);
  });
}
