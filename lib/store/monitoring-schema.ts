// Monitoring's tables: sampled consumer-group lag (the group page's history), alert rules with their state, and the
// time slots instances claim so that several of them on one PostgreSQL sample and evaluate once per slot.
import { sql } from "drizzle-orm";
import { bigint, boolean, index, integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

/** A group's total lag (sum over partitions with a committed offset) at one sampling slot. */
export const groupLagSample = pgTable(
  "group_lag_sample",
  {
    cluster: text("cluster").notNull(),
    groupId: text("group_id").notNull(),
    /** The start of the sampling slot, so two instances sampling the same slot write the same key. */
    at: timestamp("at", { withTimezone: true, mode: "date" }).notNull(),
    lag: bigint("lag", { mode: "bigint" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.cluster, t.groupId, t.at] }),
    // Retention prunes by time across all groups.
    index("group_lag_sample_at_idx").on(t.at),
  ],
);

/** One row per (job, slot) an instance has claimed: whoever inserts it does the work for that slot. */
export const monitoringSlot = pgTable(
  "monitoring_slot",
  {
    job: text("job").notNull(),
    slot: timestamp("slot", { withTimezone: true, mode: "date" }).notNull(),
    claimedAt: timestamp("claimed_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.job, t.slot] })],
);

export const alertRule = pgTable("alert_rule", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  /** dlq_pending | dlq_oldest_pending | new_failure_group | group_lag */
  kind: text("kind").notNull(),
  cluster: text("cluster").notNull(),
  /** The DLQ topic or consumer group the rule watches; null watches every one. */
  target: text("target"),
  /** Records (pending, lag) or seconds (oldest pending); unused by new_failure_group. */
  threshold: bigint("threshold", { mode: "bigint" })
    .notNull()
    .default(sql`0`),
  /** How long the condition must hold before the rule fires. */
  forSeconds: integer("for_seconds").notNull().default(0),
  /** Holds a secret in most chat webhooks: never returned or logged whole. */
  webhookUrl: text("webhook_url").notNull(),
  enabled: boolean("enabled").notNull().default(true),
  createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),

  /** ok | firing. */
  state: text("state").notNull().default("ok"),
  /** When the condition started holding (for `forSeconds`); null while it does not. */
  breachedSince: timestamp("breached_since", { withTimezone: true, mode: "date" }),
  /** new_failure_group: failure groups first seen after this are new. */
  baselineAt: timestamp("baseline_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  /** What the last evaluation saw, for people ("1,204 pending"). */
  lastValue: text("last_value"),
  lastEvaluatedAt: timestamp("last_evaluated_at", { withTimezone: true, mode: "date" }),
  /** A transition not yet posted to the webhook: fire | resolve. */
  pendingNotice: text("pending_notice"),
  pendingNoticeText: text("pending_notice_text"),
  /** An instance posting the pending notice holds it until then, so no other instance posts it too. */
  noticeClaimedUntil: timestamp("notice_claimed_until", { withTimezone: true, mode: "date" }),
  lastFiredAt: timestamp("last_fired_at", { withTimezone: true, mode: "date" }),
  lastResolvedAt: timestamp("last_resolved_at", { withTimezone: true, mode: "date" }),
  lastError: text("last_error"),
  lastErrorAt: timestamp("last_error_at", { withTimezone: true, mode: "date" }),
});
