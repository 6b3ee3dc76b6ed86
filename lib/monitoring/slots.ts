// Time slots that instances sharing one store claim before periodic work (sampling lag, evaluating alerts): the
// first to insert a slot's row does the work, so N instances read Kafka and post webhooks once per slot, not N times.
import { and, eq, lt } from "drizzle-orm";
import type { Store } from "@/lib/store/open-store";
import { monitoringSlot } from "@/lib/store/monitoring-schema";

/** The start of the slot of length `intervalMs` that `now` falls in. */
export function slotStart(now: Date, intervalMs: number): Date {
  return new Date(Math.floor(now.getTime() / intervalMs) * intervalMs);
}

/** True for the one caller that claims `job` at `slot`; everyone else gets false. */
export async function claimSlot(store: Store, job: string, slot: Date): Promise<boolean> {
  const claimed = await store.db
    .insert(monitoringSlot)
    .values({ job, slot })
    .onConflictDoNothing()
    .returning({ slot: monitoringSlot.slot });
  return claimed.length > 0;
}

/** Forgets a job's slots before `before`; only the recent ones can still be contended. */
export async function pruneSlots(store: Store, job: string, before: Date): Promise<void> {
  await store.db.delete(monitoringSlot).where(and(eq(monitoringSlot.job, job), lt(monitoringSlot.slot, before)));
}
