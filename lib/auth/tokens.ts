// API tokens for scripts: "rdv_" + 32 random bytes, shown once, stored as a SHA-256 hash with a short
// prefix for recognising it in lists. Creation and revocation are audited; last use is recorded.
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { and, desc, eq, isNull, lt, or } from "drizzle-orm";
import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { appendAudit } from "@/lib/audit/audit-log";
import { apiToken } from "@/lib/store/auth-schema";
import type { Store } from "@/lib/store/open-store";
import { actorFor, type Actor } from "./actor";
import { roleSchema, type Role } from "./roles";

export const newTokenSchema = z.object({
  name: z.string().trim().min(1, "required").max(64, "at most 64 characters"),
  role: roleSchema,
});
export type NewToken = z.infer<typeof newTokenSchema>;

export interface TokenView {
  id: string;
  name: string;
  role: Role;
  prefix: string;
  createdAt: string;
  createdBy: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const TOKEN_PREFIX = "rdv_";
// Writing last use on every request would turn reads into writes; a minute's precision is plenty.
const LAST_USED_PRECISION_MS = 60_000;

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

function view(row: typeof apiToken.$inferSelect): TokenView {
  return {
    id: row.id,
    name: row.name,
    role: roleSchema.catch("viewer").parse(row.role),
    prefix: row.prefix,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

export async function createToken(store: Store, actor: Actor, input: NewToken): Promise<TokenView & { token: string }> {
  const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  const row = await store.db.transaction(async (tx) => {
    const [created] = await tx
      .insert(apiToken)
      .values({ id: randomUUID(), name: input.name, role: input.role, tokenHash: hashToken(token), prefix: token.slice(0, 10), createdBy: actor.audit.actor })
      .returning();
    await appendAudit(tx, { ...actor.audit, action: "token.create", details: { tokenId: created!.id, name: input.name, role: input.role } });
    return created!;
  });
  return { ...view(row), token };
}

export async function listTokens(store: Store): Promise<TokenView[]> {
  return (await store.db.select().from(apiToken).orderBy(desc(apiToken.createdAt))).map(view);
}

export async function revokeToken(store: Store, actor: Actor, id: string): Promise<TokenView> {
  return store.db.transaction(async (tx) => {
    const [row] = await tx.update(apiToken).set({ revokedAt: new Date() }).where(and(eq(apiToken.id, id), isNull(apiToken.revokedAt))).returning();
    if (!row) {
      const [existing] = await tx.select().from(apiToken).where(eq(apiToken.id, id));
      if (!existing) throw new ApiError("not_found", `No API token with id "${id}"`);
      return view(existing);
    }
    await appendAudit(tx, { ...actor.audit, action: "token.revoke", details: { tokenId: id, name: row.name } });
    return view(row);
  });
}

/** The actor behind a bearer token, or null for an unknown or revoked one. */
export async function actorForToken(store: Store, token: string, source: string | null): Promise<Actor | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const [row] = await store.db
    .select()
    .from(apiToken)
    .where(and(eq(apiToken.tokenHash, hashToken(token)), isNull(apiToken.revokedAt)));
  if (!row) return null;
  const now = new Date();
  await store.db
    .update(apiToken)
    .set({ lastUsedAt: now })
    .where(and(eq(apiToken.id, row.id), or(isNull(apiToken.lastUsedAt), lt(apiToken.lastUsedAt, new Date(now.getTime() - LAST_USED_PRECISION_MS)))));
  return actorFor("token", row.id, row.name, roleSchema.catch("viewer").parse(row.role), source);
}
