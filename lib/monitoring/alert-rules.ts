// Alert rules in the store: create, change, delete (each audited in the same transaction, with the webhook masked),
// list as views, and send a test notice. Only admins reach these (the routes check the role).
import "server-only";
import { randomUUID } from "node:crypto";
import { asc, eq } from "drizzle-orm";
import { appendAudit } from "@/lib/audit/audit-log";
import type { Actor } from "@/lib/auth/actor";
import { getCluster } from "@/lib/config/clusters";
import type { AlertKind, AlertRulePatch, AlertRuleView, AlertTestResult, NewAlertRule } from "@/lib/contract/alert-schemas";
import { maskWebhookUrl } from "@/lib/contract/webhook-url";
import { RedriveError } from "@/lib/errors";
import { alertRule } from "@/lib/store/monitoring-schema";
import type { Store } from "@/lib/store/open-store";
import { describeCondition } from "./alert-conditions";
import { testNotice } from "./alert-notices";
import { postWebhook, type PostOptions } from "./webhook";
import { checkedWebhookAddresses, WebhookAddressError, webhookAddressPolicy, type WebhookAddressPolicy } from "./webhook-address";

type AlertRuleRow = typeof alertRule.$inferSelect;

const iso = (date: Date | null) => date?.toISOString() ?? null;

export function alertRuleView(row: AlertRuleRow): AlertRuleView {
  const kind = row.kind as AlertKind;
  return {
    id: row.id,
    name: row.name,
    kind,
    cluster: row.cluster,
    target: row.target,
    threshold: row.threshold.toString(),
    forSeconds: row.forSeconds,
    webhook: maskWebhookUrl(row.webhookUrl),
    enabled: row.enabled,
    condition: describeCondition({ kind, target: row.target, threshold: row.threshold, forSeconds: row.forSeconds }),
    state: row.state === "firing" ? "firing" : "ok",
    lastValue: row.lastValue,
    lastEvaluatedAt: iso(row.lastEvaluatedAt),
    lastFiredAt: iso(row.lastFiredAt),
    lastResolvedAt: iso(row.lastResolvedAt),
    pendingNotice: row.pendingNotice === "fire" || row.pendingNotice === "resolve" ? row.pendingNotice : null,
    lastError: row.lastError,
    lastErrorAt: iso(row.lastErrorAt),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** What the audit log keeps of a rule: everything but the webhook's secret. */
function auditDetails(row: AlertRuleRow) {
  return {
    ruleId: row.id,
    name: row.name,
    kind: row.kind,
    cluster: row.cluster,
    target: row.target,
    threshold: row.threshold.toString(),
    forSeconds: row.forSeconds,
    enabled: row.enabled,
    webhook: maskWebhookUrl(row.webhookUrl),
  };
}

export async function listAlertRules(store: Store): Promise<AlertRuleView[]> {
  return (await store.db.select().from(alertRule).orderBy(asc(alertRule.createdAt), asc(alertRule.id))).map(alertRuleView);
}

async function findRule(store: Store, id: string): Promise<AlertRuleRow> {
  const [row] = await store.db.select().from(alertRule).where(eq(alertRule.id, id));
  if (!row) throw new RedriveError("not_found", `No alert rule with id "${id}"`);
  return row;
}

/** Refuses (validation_failed) a webhook whose host is or resolves to an address the console may not send to, naming host and why. */
async function assertWebhookAllowed(url: string, policy: WebhookAddressPolicy): Promise<void> {
  try {
    await checkedWebhookAddresses(new URL(url), policy);
  } catch (error) {
    if (error instanceof WebhookAddressError) throw new RedriveError("validation_failed", `webhookUrl: ${error.message}`);
    throw error;
  }
}

export async function createAlertRule(
  store: Store,
  actor: Actor,
  input: NewAlertRule,
  policy = webhookAddressPolicy(),
): Promise<AlertRuleView> {
  getCluster(input.cluster);
  await assertWebhookAllowed(input.webhookUrl, policy);
  const row = await store.db.transaction(async (tx) => {
    const [created] = await tx
      .insert(alertRule)
      .values({ id: randomUUID(), ...input })
      .returning();
    await appendAudit(tx, { ...actor.audit, action: "alert.create", cluster: input.cluster, details: auditDetails(created!) });
    return created!;
  });
  return alertRuleView(row);
}

export async function updateAlertRule(
  store: Store,
  actor: Actor,
  id: string,
  patch: AlertRulePatch,
  policy = webhookAddressPolicy(),
): Promise<AlertRuleView> {
  if (patch.webhookUrl !== undefined) await assertWebhookAllowed(patch.webhookUrl, policy);
  const row = await store.db.transaction(async (tx) => {
    const [before] = await tx.select().from(alertRule).where(eq(alertRule.id, id)).for("update");
    if (!before) throw new RedriveError("not_found", `No alert rule with id "${id}"`);
    const conditionChanged = (["kind", "target", "threshold", "forSeconds"] as const).some(
      (k) => patch[k] !== undefined && patch[k] !== before[k],
    );
    // A disabled rule starts over: no notice is owed for what it saw before. A changed condition restarts only its
    // "for" wait; a firing rule stays firing, so the next round posts the resolve if the new condition no longer holds.
    const restart =
      patch.enabled === false
        ? { state: "ok", breachedSince: null, pendingNotice: null, pendingNoticeText: null, baselineAt: new Date() }
        : conditionChanged && before.state !== "firing"
          ? { breachedSince: null }
          : {};
    const [after] = await tx
      .update(alertRule)
      .set({ ...patch, ...restart, updatedAt: new Date() })
      .where(eq(alertRule.id, id))
      .returning();
    const changed = (Object.keys(patch) as (keyof AlertRulePatch)[]).filter((k) => patch[k] !== undefined && patch[k] !== before[k]);
    await appendAudit(tx, {
      ...actor.audit,
      action: "alert.update",
      cluster: after!.cluster,
      details: { ...auditDetails(after!), changed },
    });
    return after!;
  });
  return alertRuleView(row);
}

export async function deleteAlertRule(store: Store, actor: Actor, id: string): Promise<void> {
  await store.db.transaction(async (tx) => {
    const [deleted] = await tx.delete(alertRule).where(eq(alertRule.id, id)).returning();
    if (!deleted) throw new RedriveError("not_found", `No alert rule with id "${id}"`);
    await appendAudit(tx, { ...actor.audit, action: "alert.delete", cluster: deleted.cluster, details: auditDetails(deleted) });
  });
}

/**
 * Posts a test notice to the rule's webhook now and says how it went: ok with the HTTP status, or failed with the
 * status, "no answer" or why the address was refused. The attempt is audited, the rule's state untouched.
 */
export async function sendTestNotice(store: Store, actor: Actor, id: string, options?: PostOptions): Promise<AlertTestResult> {
  const row = await findRule(store, id);
  const result = await postWebhook(
    row.webhookUrl,
    testNotice(row.name, describeCondition({ ...row, kind: row.kind as AlertKind }), actor.displayName),
    options,
  );
  await store.db.transaction((tx) =>
    appendAudit(tx, {
      ...actor.audit,
      action: "alert.test",
      cluster: row.cluster,
      details: {
        ruleId: row.id,
        name: row.name,
        webhook: maskWebhookUrl(row.webhookUrl),
        ok: result.ok,
        ...(result.ok ? {} : { error: result.error }),
      },
    }),
  );
  return result;
}
