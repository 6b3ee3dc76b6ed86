// Every record of every DLQ topic, as the indexer stored it: coordinates, the exact bytes, headers in record
// order, the parsed failure and its fingerprint, and the triage status. Browsing reads this, never Kafka.
import { bigint, customType, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  // PGlite answers Uint8Array, node-postgres Buffer; the rest of the code sees Buffer.
  fromDriver: (value) => Buffer.from(value),
});

/** A header as stored: the key, and the value as base64 (null stays null). */
export interface StoredHeader {
  key: string;
  value: string | null;
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
    status: text("status").notNull().default("pending"),
    indexedAt: timestamp("indexed_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.cluster, t.topic, t.partition, t.offset] }),
    index("dlq_message_browse_idx").on(t.cluster, t.topic, t.status, t.timestamp, t.partition, t.offset),
    index("dlq_message_fingerprint_idx").on(t.cluster, t.topic, t.fingerprint, t.timestamp),
  ],
);
