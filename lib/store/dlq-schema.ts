// Every record of every DLQ topic, as the indexer stored it: coordinates, the exact bytes, headers in record
// order, the parsed failure and its fingerprint, and the triage status. Browsing reads this, never Kafka.
import { sql } from "drizzle-orm";
import { bigint, customType, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  // PGlite answers Uint8Array, node-postgres Buffer; the rest of the code sees Buffer.
  fromDriver: (value) => Buffer.from(value),
});

/** A header as stored: the key (display-safe), the value as base64 (null stays null), and the key's bytes as base64
 * when they are not the key's UTF-8 (NUL, invalid UTF-8). */
export interface StoredHeader {
  key: string;
  value: string | null;
  rawKey?: string;
}

export const dlqMessage = pgTable(
  "dlq_message",
  {
    cluster: text("cluster").notNull(),
    topic: text("topic").notNull(),
    partition: integer("partition").notNull(),
    offset: bigint("offset", { mode: "bigint" }).notNull(),
    timestamp: timestamp("timestamp", { withTimezone: true, mode: "date" }).notNull(),
    key: bytea("key"),
    value: bytea("value"),
    valueSize: integer("value_size").notNull(),
    /** json | text | binary, detected from the whole value at index time (null for a tombstone). */
    valueEncoding: text("value_encoding"),
    headers: jsonb("headers").$type<StoredHeader[]>().notNull(),
    convention: text("convention").notNull(),
    exceptionClass: text("exception_class"),
    failureMessage: text("failure_message"),
    stacktrace: text("stacktrace"),
    causeClass: text("cause_class"),
    originalTopic: text("original_topic"),
    originalPartition: integer("original_partition"),
    originalOffset: bigint("original_offset", { mode: "bigint" }),
    originalTimestamp: timestamp("original_timestamp", { withTimezone: true, mode: "date" }),
    consumerGroup: text("consumer_group"),
    attempts: integer("attempts"),
    fingerprint: text("fingerprint").notNull(),
    redriveSource: text("redrive_source"),
    /** Why the record was stored without its failure (it could not be parsed or stored whole); null when parsed. */
    unparsedReason: text("unparsed_reason"),
    status: text("status").notNull().default("pending"),
    /** The redelivery in flight (its x-redrive-id) while the record is being sent, and the one that sent it after. */
    actionId: text("action_id"),
    actionStartedAt: timestamp("action_started_at", { withTimezone: true, mode: "date" }),
    /** The bulk job that resolved the record (null for single actions). */
    actionJobId: text("action_job_id"),
    indexedAt: timestamp("indexed_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.cluster, t.topic, t.partition, t.offset] }),
    // One index per way the message list is read, each in list order (newest first is a backward scan).
    index("dlq_message_browse_idx").on(t.cluster, t.topic, t.status, t.timestamp, t.partition, t.offset),
    index("dlq_message_time_idx").on(t.cluster, t.topic, t.timestamp, t.partition, t.offset),
    index("dlq_message_fingerprint_idx").on(t.cluster, t.topic, t.fingerprint, t.timestamp, t.partition, t.offset),
    index("dlq_message_fingerprint_status_idx").on(t.cluster, t.topic, t.fingerprint, t.status, t.timestamp, t.partition, t.offset),
  ],
);

// Text search lives beside dlq_message, not in it. Trigram-indexing a record costs several times what storing it
// does, so the indexer writes each new record's search text to dlq_search_pending (a plain heap, no index) in
// the record's own transaction, and a background job moves it into dlq_search (trigram index) behind. A search
// looks in both, so a record is found the moment it is stored. Neither table is ever updated: triaging a record
// (a status update of dlq_message) does not touch the trigram index.
const searchColumns = () => ({
  cluster: text("cluster").notNull(),
  topic: text("topic").notNull(),
  partition: integer("partition").notNull(),
  offset: bigint("offset", { mode: "bigint" }).notNull(),
  /** What text search looks in: key, exception, failure message and the start of the value, lossily decoded. */
  searchText: text("search_text").notNull(),
});

export const dlqSearch = pgTable("dlq_search", searchColumns(), (t) => [
  primaryKey({ columns: [t.cluster, t.topic, t.partition, t.offset] }),
  index("dlq_search_text_idx").using("gin", sql`${t.searchText} gin_trgm_ops`),
]);

/** Search text of records not yet in dlq_search: small and short-lived, so a search scans it whole. */
export const dlqSearchPending = pgTable("dlq_search_pending", searchColumns());

/**
 * Failure groups, kept up to date as records are stored and triaged, so a DLQ of millions of records lists its
 * groups without counting them. `reason` is the normalised failure message the group's records share.
 */
export const dlqFailureGroup = pgTable(
  "dlq_failure_group",
  {
    cluster: text("cluster").notNull(),
    topic: text("topic").notNull(),
    fingerprint: text("fingerprint").notNull(),
    exceptionClass: text("exception_class"),
    reason: text("reason"),
    originalTopic: text("original_topic"),
    count: bigint("count", { mode: "number" }).notNull(),
    pending: bigint("pending", { mode: "number" }).notNull(),
    redelivered: bigint("redelivered", { mode: "number" }).notNull().default(0),
    discarded: bigint("discarded", { mode: "number" }).notNull().default(0),
    firstSeen: timestamp("first_seen", { withTimezone: true, mode: "date" }).notNull(),
    lastSeen: timestamp("last_seen", { withTimezone: true, mode: "date" }).notNull(),
  },
  // The second index is the group list's order, read a page at a time (a DLQ may hold 100,000 groups).
  (t) => [
    primaryKey({ columns: [t.cluster, t.topic, t.fingerprint] }),
    index("dlq_failure_group_recent_idx").on(t.cluster, t.topic, t.lastSeen.desc(), t.fingerprint),
  ],
);

/** Records per failure group per hour (by record timestamp): the groups' trends and the DLQ's inflow. */
export const dlqFailureHourly = pgTable(
  "dlq_failure_hourly",
  {
    cluster: text("cluster").notNull(),
    topic: text("topic").notNull(),
    fingerprint: text("fingerprint").notNull(),
    hour: timestamp("hour", { withTimezone: true, mode: "date" }).notNull(),
    count: bigint("count", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.cluster, t.topic, t.hour, t.fingerprint] })],
);
