// Samples every consumer group's total lag into the store once per slot, and prunes samples past the retention:
// the history behind the group page's lag chart (Kafka itself keeps no history of lag).
import "server-only";
import { and, eq, lt } from "drizzle-orm";
import type { ClusterConfig } from "@/lib/config/clusters";
import type { Store } from "@/lib/store/open-store";
import { groupLagSample } from "@/lib/store/monitoring-schema";
import { readLiveGroups } from "./live-groups";
import { claimSlot, pruneSlots, slotStart } from "./slots";

export interface LagSamplerOptions {
  intervalMs: number;
  retentionMs: number;
}

const JOB = "lag-sample";
// Rows per INSERT: well under PostgreSQL's 65,535 bind parameters at 4 per row.
const INSERT_CHUNK = 1_000;

/**
 * Takes this slot's sample for a cluster unless another instance already has: reads every group's lag and stores
 * one row per group that has a committed offset (a group with none has no lag to chart). Returns the rows written,
 * or null when the slot was someone else's.
 */
export async function sampleGroupLag(
  store: Store,
  cluster: ClusterConfig,
  options: LagSamplerOptions,
  now = new Date(),
): Promise<number | null> {
  const slot = slotStart(now, options.intervalMs);
  if (!(await claimSlot(store, `${JOB}:${cluster.id}`, slot))) return null;
  const groups = await readLiveGroups(cluster);
  const rows = groups.flatMap((g) =>
    g.totalLag === null ? [] : [{ cluster: cluster.id, groupId: g.groupId, at: slot, lag: BigInt(g.totalLag) }],
  );
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    await store.db
      .insert(groupLagSample)
      .values(rows.slice(i, i + INSERT_CHUNK))
      .onConflictDoNothing();
  }
  return rows.length;
}

/** Deletes samples (and claimed slots) older than the retention. */
export async function pruneLagSamples(store: Store, cluster: ClusterConfig, retentionMs: number, now = new Date()): Promise<void> {
  const before = new Date(now.getTime() - retentionMs);
  await store.db.delete(groupLagSample).where(and(eq(groupLagSample.cluster, cluster.id), lt(groupLagSample.at, before)));
  await pruneSlots(store, `${JOB}:${cluster.id}`, before);
}
