CREATE TABLE "dlq_message" (
	"cluster" text NOT NULL,
	"topic" text NOT NULL,
	"partition" integer NOT NULL,
	"offset" bigint NOT NULL,
	"timestamp" timestamp with time zone NOT NULL,
	"key" "bytea",
	"value" "bytea",
	"value_size" integer NOT NULL,
	"headers" jsonb NOT NULL,
	"convention" text NOT NULL,
	"exception_class" text,
	"failure_message" text,
	"stacktrace" text,
	"cause_class" text,
	"original_topic" text,
	"original_partition" integer,
	"original_offset" bigint,
	"original_timestamp" timestamp with time zone,
	"consumer_group" text,
	"attempts" integer,
	"fingerprint" text NOT NULL,
	"redrive_source" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"indexed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dlq_message_cluster_topic_partition_offset_pk" PRIMARY KEY("cluster","topic","partition","offset")
);
--> statement-breakpoint
CREATE INDEX "dlq_message_browse_idx" ON "dlq_message" USING btree ("cluster","topic","status","timestamp","partition","offset");--> statement-breakpoint
CREATE INDEX "dlq_message_fingerprint_idx" ON "dlq_message" USING btree ("cluster","topic","fingerprint","timestamp");