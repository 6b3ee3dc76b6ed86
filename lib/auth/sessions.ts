// Ending sessions on request: "sign out everywhere".
import "server-only";
import { eq } from "drizzle-orm";
import { appendAudit } from "@/lib/audit/audit-log";
import { session } from "@/lib/store/auth-schema";
import type { Actor } from "./actor";
import { getAuthContext } from "./server-auth";

export async function signOutEverywhere(actor: Actor): Promise<number> {
  const { store } = await getAuthContext();
  return store.db.transaction(async (tx) => {
    const ended = await tx.delete(session).where(eq(session.userId, actor.id)).returning({ id: session.id });
    await appendAudit(tx, { ...actor.audit, action: "auth.sign_out_everywhere", details: { sessions: ended.length } });
    return ended.length;
  });
}
