// Bulk triage jobs: what a job does, to which records, and how far it has got. Everything a runner needs to pick
// a job up again after a reload, a restart or a crash lives here, not in memory.
import { bigint, index, integer, jsonb, pgTable, primaryKey, real, text, timestamp } from "drizzle-orm/pg-core";
import type { JobState } from "@/lib/contract/job-states";

export const triageJob = pgTable(
  "triage_job",
  {
    id: text("id").primaryKey(),
    cluster: text("cluster").notNull(),
    /** The DLQ topic whose records the job acts on. */
    topic: text("topic").notNull(),
    action: text("action").$type<"redeliver" | "discard">().notNull(),
    /** How the records were chosen (a filter, a failure group or a selection), as the operator gave it. */
    selector: jsonb("selector").notNull(),
    /** Where redeliveries go; null sends each record to its own original topic. */
    targetTopic: text("target_topic"),
    /** Messages per second; null runs as fast as Kafka and the store allow. */
    ratePerSecond: integer("rate_per_second"),
    /** A discard's reason, required for discard jobs. */
    reason: text("reason"),
    note: text("note"),
    state: text("state").$type<JobState>().notNull().default("running"),
    total: integer("total").notNull(),
    /** Items with seq ≤ cursor are settled; the next batch starts after it. */
    cursor: integer("cursor").notNull().default(0),
    /** Items in (cursor, claimedTo] are claimed and may be in flight to Kafka: after a crash they are reconciled. */
    claimedTo: integer("claimed_to").notNull().default(0),
    done: integer("done").notNull().default(0),
    failed: integer("failed").notNull().default(0),
    /** Records resolved by someone else (or claimed by another action) before the job got to them. */
    skipped: integer("skipped").notNull().default(0),
    /** Recent messages per second, as the runner measured it. */
    rate: real("rate"),
    actor: text("actor").notNull(),
    role: text("role"),
    source: text("source"),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    startedAt: timestamp("started_at", { withTimezone: true, mode: "date" }),
    finishedAt: timestamp("finished_at", { withTimezone: true, mode: "date" }),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    /** The runner working on the job and until when its claim holds; another runner may take it over after. */
    runnerId: text("runner_id"),
    leaseUntil: timestamp("lease_until", { withTimezone: true, mode: "date" }),
    /** When the records now in flight were claimed: a reconciliation scan of the targets starts there. */
    inFlightSince: timestamp("in_flight_since", { withTimezone: true, mode: "date" }),
    lastError: text("last_error"),
    lastErrorAt: timestamp("last_error_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [index("triage_job_state_idx").on(t.state, t.createdAt), index("triage_job_topic_idx").on(t.cluster, t.topic, t.createdAt)],
);

/** The records a job acts on, numbered in the order it takes them; written once when the job is created. */
export const triageJobItem = pgTable(
  "triage_job_item",
  {
    jobId: text("job_id").notNull(),
    seq: integer("seq").notNull(),
    partition: integer("partition").notNull(),
    offset: bigint("offset", { mode: "bigint" }).notNull(),
    /** The record's key and value bytes when the job was created: batches are cut by it without a lookup. */
    size: integer("size").notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.jobId, t.seq] }),
    // Is this record in some job's claimed range? Every single action and every job batch asks.
    index("triage_job_item_record_idx").on(t.partition, t.offset),
  ],
);

/**
 * A single redelivery between its claim and its record: after a crash, what the reconciler looks up in the target
 * topic by x-redrive-id. (Job items need no row here: a job's claimed range says the same.)
 */
export const redeliveryInFlight = pgTable("redelivery_in_flight", {
  actionId: text("action_id").primaryKey(),
  cluster: text("cluster").notNull(),
  topic: text("topic").notNull(),
  partition: integer("partition").notNull(),
  offset: bigint("offset", { mode: "bigint" }).notNull(),
  targetTopic: text("target_topic").notNull(),
  /** Who asked, so that the reconciled outcome is recorded in their name. */
  actor: text("actor").notNull(),
  role: text("role"),
  source: text("source"),
  startedAt: timestamp("started_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  /**
   * Set when nobody knows whether the send landed (its answer was lost, or the process sending it died): from then
   * on the message shows "checking whether it landed" until the reconciler has looked for it in the target.
   */
  checkingSince: timestamp("checking_since", { withTimezone: true, mode: "date" }),
  /** Why the send's outcome is unknown (the error that lost its answer); null after a crash. */
  sendError: text("send_error"),
  /** The audit details the send would have been recorded with (note, edit digests and diff), for the reconciled entry. */
  details: jsonb("details"),
});

/** Items that failed, with why; the job page lists them. */
export const triageJobFailure = pgTable(
  "triage_job_failure",
  {
    jobId: text("job_id").notNull(),
    seq: integer("seq").notNull(),
    partition: integer("partition").notNull(),
    offset: bigint("offset", { mode: "bigint" }).notNull(),
    error: text("error").notNull(),
    at: timestamp("at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.jobId, t.seq] })],
);
