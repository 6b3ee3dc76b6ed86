// API tokens for scripts: "rdv_" + 32 random bytes, shown once, stored as a SHA-256 hash with a short
// prefix for recognising it in lists. Creation and revocation are audited; last use is recorded. A token may
// expire, and it stops working when the person who made it is disabled.
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { and, desc, eq, isNull, or } from "drizzle-orm";
import { appendAudit } from "@/lib/audit/audit-log";
import { roleSchema, type ApiToken, type NewToken } from "@/lib/contract/auth-schemas";
import { RedriveError } from "@/lib/errors";
import { apiToken, user } from "@/lib/store/auth-schema";
import type { Store } from "@/lib/store/open-store";
import { actorFor, type Actor } from "./actor";

const TOKEN_PREFIX = "rdv_";
const LAST_USED_PRECISION_MS = 60_000;

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

function view(row: typeof apiToken.$inferSelect): ApiToken {
  return {
    id: row.id,
    name: row.name,
    role: roleSchema.catch("viewer").parse(row.role),
    prefix: row.prefix,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

/** "90d", "12w" or "1y" (the CLI's --expires-in) → days. */
export function parseExpiresIn(text: string): number {
  const match = /^(\d{1,5})([dwy])$/.exec(text.trim());
  if (!match) {
    throw new RedriveError(
      "validation_failed",
      `--expires-in: expected a number of days, weeks or years, e.g. 90d, 12w or 1y (got "${text}")`,
    );
  }
  return Number(match[1]) * { d: 1, w: 7, y: 365 }[match[2] as "d" | "w" | "y"];
}

export async function createToken(store: Store, actor: Actor, input: NewToken): Promise<ApiToken & { token: string }> {
  const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  const expiresAt = input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null;
  const row = await store.db.transaction(async (tx) => {
    const creatorUserId =
      actor.kind === "user"
        ? actor.id
        : actor.kind === "token"
          ? ((await tx.select({ id: apiToken.creatorUserId }).from(apiToken).where(eq(apiToken.id, actor.id)))[0]?.id ?? null)
          : null;
    const [created] = await tx
      .insert(apiToken)
      .values({
        id: randomUUID(),
        name: input.name,
        role: input.role,
        tokenHash: hashToken(token),
        prefix: token.slice(0, 10),
        createdBy: actor.audit.actor,
        creatorUserId,
        expiresAt,
      })
      .returning();
    await appendAudit(tx, {
      ...actor.audit,
      action: "token.create",
      details: { tokenId: created!.id, name: input.name, role: input.role, expiresAt: expiresAt?.toISOString() ?? null },
    });
    return created!;
  });
  return { ...view(row), token };
}

export async function listTokens(store: Store): Promise<ApiToken[]> {
  return (await store.db.select().from(apiToken).orderBy(desc(apiToken.createdAt))).map(view);
}

export async function revokeToken(store: Store, actor: Actor, id: string): Promise<ApiToken> {
  return store.db.transaction(async (tx) => {
    const [row] = await tx
      .update(apiToken)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiToken.id, id), isNull(apiToken.revokedAt)))
      .returning();
    if (!row) {
      const [existing] = await tx.select().from(apiToken).where(eq(apiToken.id, id));
      if (!existing) throw new RedriveError("not_found", `No API token with id "${id}"`);
      return view(existing);
    }
    await appendAudit(tx, { ...actor.audit, action: "token.revoke", details: { tokenId: id, name: row.name } });
    return view(row);
  });
}

/**
 * The actor behind a bearer token, or null for an unknown or revoked one. An expired token, or one whose maker is
 * disabled, is refused with a message that says so (the script's owner needs to know why it stopped).
 */
export async function actorForToken(store: Store, token: string, source: string | null): Promise<Actor | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const [found] = await store.db
    .select({ token: apiToken, creatorDisabled: user.disabled })
    .from(apiToken)
    // Tokens made before creator_user_id existed name their maker by username only.
    .leftJoin(user, or(eq(user.id, apiToken.creatorUserId), and(isNull(apiToken.creatorUserId), eq(user.username, apiToken.createdBy))))
    .where(and(eq(apiToken.tokenHash, hashToken(token)), isNull(apiToken.revokedAt)));
  if (!found) return null;
  const { token: row, creatorDisabled } = found;
  const now = new Date();
  if (row.expiresAt && row.expiresAt <= now) {
    throw new RedriveError(
      "unauthorized",
      `The API token "${row.name}" expired at ${row.expiresAt.toISOString()}; ask an admin for a new one`,
    );
  }
  if (creatorDisabled)
    throw new RedriveError("unauthorized", `The API token "${row.name}" no longer works: the user behind it is disabled`);
  // Writing last use on every request would turn reads into writes; a minute's precision is plenty.
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_PRECISION_MS) {
    await store.db.update(apiToken).set({ lastUsedAt: now }).where(eq(apiToken.id, row.id));
  }
  return actorFor("token", row.id, row.name, roleSchema.catch("viewer").parse(row.role), source);
}
