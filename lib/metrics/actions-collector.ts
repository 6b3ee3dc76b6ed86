// Triage actions by kind and result, counted from the audit log rather than in memory: the counts survive restarts
// and every instance on one store reports the same numbers. The log is append-only and its sequence numbers become
// visible in order (appends serialise on one lock until commit), so each scrape counts only the entries after the
// last one it saw — a primary-key range — and a process reads the whole log once, on its first scrape.
import "server-only";
import { and, gt, like, lte, max, sql } from "drizzle-orm";
import { Counter } from "prom-client";
import { auditLog } from "@/lib/store/audit-schema";
import type { Store } from "@/lib/store/open-store";
import type { MetricsCollector } from "./registry";

const actions = new Counter({
  name: "redrive_actions_total",
  help: "Message actions recorded in the audit log, by cluster, kind (redeliver, discard, …) and result (ok, failed)",
  labelNames: ["cluster", "kind", "result"],
  registers: [],
});

/** "message.redeliver" → redeliver/ok, "message.redeliver_failed" → redeliver/failed. */
export function actionLabels(action: string): { kind: string; result: string } {
  const name = action.replace(/^message\./, "");
  return name.endsWith("_failed") ? { kind: name.slice(0, -"_failed".length), result: "failed" } : { kind: name, result: "ok" };
}

// Per store: a test or a console that opens another store starts counting again.
const seen = new WeakMap<Store, { seq: bigint; counts: Map<string, number> }>();

async function countNewEntries(store: Store): Promise<Map<string, number>> {
  const state = seen.get(store) ?? { seq: 0n, counts: new Map<string, number>() };
  const [head] = await store.db.select({ seq: max(auditLog.seq) }).from(auditLog);
  const headSeq = head?.seq === null || head?.seq === undefined ? 0n : BigInt(head.seq);
  if (headSeq > state.seq) {
    const rows = await store.db
      .select({ cluster: auditLog.cluster, action: auditLog.action, n: sql<string>`count(*)` })
      .from(auditLog)
      .where(and(gt(auditLog.seq, state.seq), lte(auditLog.seq, headSeq), like(auditLog.action, "message.%")))
      .groupBy(auditLog.cluster, auditLog.action);
    const counts = new Map(state.counts);
    for (const row of rows) {
      const key = `${row.cluster ?? ""}\u0000${row.action}`;
      counts.set(key, (counts.get(key) ?? 0) + Number(row.n));
    }
    seen.set(store, { seq: headSeq, counts });
    return counts;
  }
  seen.set(store, state);
  return state.counts;
}

export const actionsCollector: MetricsCollector = {
  name: "actions",
  metrics: [actions],
  async collect({ store }) {
    const counts = await countNewEntries(store);
    actions.reset();
    for (const [key, n] of counts) {
      const [cluster, action] = key.split("\u0000") as [string, string];
      actions.inc({ cluster, ...actionLabels(action) }, n);
    }
  },
};
