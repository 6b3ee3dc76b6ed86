// One round of alerting: observe every enabled rule, move its state in the store, and post what changed. A state
// change is claimed with a conditional UPDATE (only the instance whose UPDATE matched the old state posts), and a
// notice is held by one poster at a time, so several instances on one PostgreSQL post each transition once, and a
// restart (state in the store) never posts again what was already posted.
import "server-only";
import { and, eq, isNotNull, isNull, lt, or } from "drizzle-orm";
import { getCluster } from "@/lib/config/clusters";
import type { AlertKind } from "@/lib/contract/alert-schemas";
import { hrefs } from "@/lib/contract/hrefs";
import { log } from "@/lib/log";
import { summariseDlqs } from "@/lib/store/dlq-queries";
import { dlqFailureGroup } from "@/lib/store/dlq-schema";
import { alertRule } from "@/lib/store/monitoring-schema";
import type { Store } from "@/lib/store/open-store";
import { describeCondition, observe, step, type MonitoringSnapshot, type Observation } from "./alert-conditions";
import { firingNotice, resolvedNotice } from "./alert-notices";
import { readLiveGroups } from "./live-groups";
import { postWebhook, type PostOptions, type WebhookPayload } from "./webhook";

type Row = typeof alertRule.$inferSelect;

export interface EvaluateOptions {
  now?: Date;
  post?: PostOptions;
  /** REDRIVE_PUBLIC_URL: notices link to the DLQ or group page. */
  publicUrl?: string;
}

// Long enough for a post with its retries; a poster that died is replaced after this.
const NOTICE_CLAIM_MS = 60_000;

async function snapshotFor(store: Store, clusterId: string, kinds: Set<AlertKind>): Promise<MonitoringSnapshot> {
  const needsDlqs = kinds.has("dlq_pending") || kinds.has("dlq_oldest_pending");
  const [dlqs, failureGroups, groups] = await Promise.all([
    needsDlqs ? summariseDlqs(store, clusterId) : Promise.resolve([]),
    kinds.has("new_failure_group")
      ? store.db.select().from(dlqFailureGroup).where(eq(dlqFailureGroup.cluster, clusterId))
      : Promise.resolve([]),
    // A cluster since removed from the config reads as unreachable.
    kinds.has("group_lag")
      ? Promise.resolve(clusterId)
          .then((id) => readLiveGroups(getCluster(id)))
          .catch(() => null)
      : Promise.resolve([]),
  ]);
  return {
    dlqs: dlqs.map((d) => ({
      topic: d.topic,
      pending: BigInt(d.pending),
      oldestPendingAt: d.oldestPendingAt ? new Date(d.oldestPendingAt) : null,
    })),
    failureGroups: failureGroups.map((g) => ({
      topic: g.topic,
      fingerprint: g.fingerprint,
      exceptionClass: g.exceptionClass,
      firstSeen: g.firstSeen,
      pending: BigInt(g.pending),
    })),
    groups: groups === null ? null : groups.map((g) => ({ groupId: g.groupId, totalLag: g.totalLag === null ? null : BigInt(g.totalLag) })),
  };
}

function link(rule: Row, publicUrl: string | undefined): string | undefined {
  if (!publicUrl) return undefined;
  const base = publicUrl.replace(/\/$/, "");
  if (!rule.target) return base;
  return base + (rule.kind === "group_lag" ? hrefs.group(rule.cluster, rule.target) : hrefs.dlq(rule.cluster, rule.target));
}

/** Moves one rule's state; a transition is recorded with its notice only by the call whose UPDATE matched the old state. */
async function applyObservation(store: Store, rule: Row, observation: Observation, now: Date, publicUrl?: string): Promise<void> {
  const next = step(
    { state: rule.state === "firing" ? "firing" : "ok", breachedSince: rule.breachedSince },
    observation,
    rule.forSeconds,
    now,
  );
  const seen = { lastValue: observation.value, lastEvaluatedAt: now, breachedSince: next.breachedSince };
  const guard = and(eq(alertRule.id, rule.id), eq(alertRule.state, rule.state), eq(alertRule.enabled, true));
  if (!next.transition) {
    await store.db.update(alertRule).set(seen).where(guard);
    return;
  }
  const described = { name: rule.name, condition: describeCondition({ ...rule, kind: rule.kind as AlertKind }) };
  const payload: WebhookPayload =
    next.transition === "fire"
      ? firingNotice(described, observation.value, link(rule, publicUrl))
      : resolvedNotice(described, observation.value, link(rule, publicUrl));
  // A notice still waiting for the opposite transition cancels out: the receiver never heard of either.
  const cancels = rule.pendingNotice !== null && rule.pendingNotice !== next.transition;
  await store.db
    .update(alertRule)
    .set({
      ...seen,
      state: next.state,
      pendingNotice: cancels ? null : next.transition,
      pendingNoticeText: cancels ? null : JSON.stringify(payload),
      ...(next.transition === "fire" ? { lastFiredAt: now } : { lastResolvedAt: now }),
      // What was new stops being new once it has resolved.
      ...(next.transition === "resolve" && rule.kind === "new_failure_group" ? { baselineAt: now } : {}),
    })
    .where(guard);
}

/** Posts every owed notice that no one else is posting; a failure stays owed and is tried again next round. */
async function deliverNotices(store: Store, now: Date, post?: PostOptions): Promise<void> {
  const owed = await store.db
    .select()
    .from(alertRule)
    .where(and(isNotNull(alertRule.pendingNotice), or(isNull(alertRule.noticeClaimedUntil), lt(alertRule.noticeClaimedUntil, now))));
  for (const rule of owed) {
    const notice = rule.pendingNotice!;
    const [claimed] = await store.db
      .update(alertRule)
      .set({ noticeClaimedUntil: new Date(now.getTime() + NOTICE_CLAIM_MS) })
      .where(
        and(
          eq(alertRule.id, rule.id),
          eq(alertRule.pendingNotice, notice),
          or(isNull(alertRule.noticeClaimedUntil), lt(alertRule.noticeClaimedUntil, now)),
        ),
      )
      .returning({ text: alertRule.pendingNoticeText });
    if (!claimed?.text) continue;
    const result = await postWebhook(rule.webhookUrl, JSON.parse(claimed.text) as WebhookPayload, post);
    const sameNotice = and(eq(alertRule.id, rule.id), eq(alertRule.pendingNotice, notice));
    if (result.ok) {
      await store.db
        .update(alertRule)
        .set({ pendingNotice: null, pendingNoticeText: null, noticeClaimedUntil: null, lastError: null, lastErrorAt: null })
        .where(sameNotice);
    } else {
      log.warn({ rule: rule.id, notice, error: result.error }, "alert webhook failed; retrying next round");
      await store.db
        .update(alertRule)
        .set({ noticeClaimedUntil: null, lastError: `Posting the ${notice} notice failed: ${result.error}`, lastErrorAt: new Date() })
        .where(sameNotice);
    }
  }
}

/** Evaluates every enabled rule once and posts what changed. */
export async function evaluateAlerts(store: Store, { now = new Date(), post, publicUrl }: EvaluateOptions = {}): Promise<void> {
  const rules = await store.db.select().from(alertRule).where(eq(alertRule.enabled, true));
  const clusters = [...new Set(rules.map((r) => r.cluster))];
  // Each cluster on its own: one whose brokers do not answer delays no other cluster's rules.
  await Promise.all(
    clusters.map(async (clusterId) => {
      const clusterRules = rules.filter((r) => r.cluster === clusterId);
      const snapshot = await snapshotFor(store, clusterId, new Set(clusterRules.map((r) => r.kind as AlertKind)));
      for (const rule of clusterRules) {
        const observation = observe({ ...rule, kind: rule.kind as AlertKind }, snapshot, now);
        if (observation) await applyObservation(store, rule, observation, now, publicUrl);
        else
          await store.db
            .update(alertRule)
            .set({ lastValue: "unknown: Kafka is not reachable", lastEvaluatedAt: now })
            .where(eq(alertRule.id, rule.id));
      }
    }),
  );
  await deliverNotices(store, now, post);
}
