// The append-only audit log. Each row's hash covers the previous row's hash and the row's own canonical
// JSON, so rewriting history breaks the chain; a trigger (in the migration) refuses UPDATE, DELETE and TRUNCATE.
import { bigint, index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

export const auditLog = pgTable(
  "audit_log",
  {
    seq: bigint("seq", { mode: "bigint" }).primaryKey(),
    at: timestamp("at", { withTimezone: true, mode: "date" }).notNull(),
    actor: text("actor").notNull(),
    role: text("role"),
    action: text("action").notNull(),
    cluster: text("cluster"),
    topic: text("topic"),
    partition: integer("partition"),
    offset: bigint("offset", { mode: "bigint" }),
    target: jsonb("target"),
    details: jsonb("details").notNull().default({}),
    source: text("source"),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [
    // A message's history, and the audit page's topic filter.
    index("audit_log_record_idx").on(t.cluster, t.topic, t.partition, t.offset),
  ],
);
