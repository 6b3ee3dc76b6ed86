-- Trigram indexes make substring search over millions of DLQ records fast (pg_trgm is a trusted extension).
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE TABLE "dlq_failure_group" (
	"cluster" text NOT NULL,
	"topic" text NOT NULL,
	"fingerprint" text NOT NULL,
	"exception_class" text,
	"reason" text,
	"original_topic" text,
	"count" bigint NOT NULL,
	"pending" bigint NOT NULL,
	"redelivered" bigint DEFAULT 0 NOT NULL,
	"discarded" bigint DEFAULT 0 NOT NULL,
	"first_seen" timestamp with time zone NOT NULL,
	"last_seen" timestamp with time zone NOT NULL,
	CONSTRAINT "dlq_failure_group_cluster_topic_fingerprint_pk" PRIMARY KEY("cluster","topic","fingerprint")
);
--> statement-breakpoint
CREATE TABLE "dlq_failure_hourly" (
	"cluster" text NOT NULL,
	"topic" text NOT NULL,
	"fingerprint" text NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"count" bigint NOT NULL,
	CONSTRAINT "dlq_failure_hourly_cluster_topic_hour_fingerprint_pk" PRIMARY KEY("cluster","topic","hour","fingerprint")
);
--> statement-breakpoint
DROP INDEX "dlq_message_fingerprint_idx";--> statement-breakpoint
ALTER TABLE "dlq_message" ADD COLUMN "value_encoding" text;--> statement-breakpoint
ALTER TABLE "dlq_message" ADD COLUMN "search_text" text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE INDEX "audit_log_record_idx" ON "audit_log" USING btree ("cluster","topic","partition","offset");--> statement-breakpoint
CREATE INDEX "dlq_message_time_idx" ON "dlq_message" USING btree ("cluster","topic","timestamp","partition","offset");--> statement-breakpoint
CREATE INDEX "dlq_message_fingerprint_status_idx" ON "dlq_message" USING btree ("cluster","topic","fingerprint","status","timestamp","partition","offset");--> statement-breakpoint
CREATE INDEX "dlq_message_search_idx" ON "dlq_message" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "dlq_message_fingerprint_idx" ON "dlq_message" USING btree ("cluster","topic","fingerprint","timestamp","partition","offset");--> statement-breakpoint
-- Records indexed before this migration: searchable by failure, and counted in their failure groups.
UPDATE "dlq_message" SET "search_text" = concat_ws(E'\n', "exception_class", "failure_message");--> statement-breakpoint
INSERT INTO "dlq_failure_group" ("cluster", "topic", "fingerprint", "exception_class", "reason", "original_topic", "count", "pending", "redelivered", "discarded", "first_seen", "last_seen")
SELECT "cluster", "topic", "fingerprint", min("exception_class"), min("failure_message"), min("original_topic"), count(*),
  count(*) FILTER (WHERE "status" = 'pending'), count(*) FILTER (WHERE "status" = 'redelivered'), count(*) FILTER (WHERE "status" = 'discarded'),
  min("timestamp"), max("timestamp")
FROM "dlq_message" GROUP BY "cluster", "topic", "fingerprint";--> statement-breakpoint
INSERT INTO "dlq_failure_hourly" ("cluster", "topic", "fingerprint", "hour", "count")
SELECT "cluster", "topic", "fingerprint", date_trunc('hour', "timestamp", 'UTC'), count(*)
FROM "dlq_message" GROUP BY 1, 2, 3, 4;
