CREATE TABLE "redelivery_in_flight" (
	"action_id" text PRIMARY KEY NOT NULL,
	"cluster" text NOT NULL,
	"topic" text NOT NULL,
	"partition" integer NOT NULL,
	"offset" bigint NOT NULL,
	"target_topic" text NOT NULL,
	"actor" text NOT NULL,
	"role" text,
	"source" text,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "triage_job" (
	"id" text PRIMARY KEY NOT NULL,
	"cluster" text NOT NULL,
	"topic" text NOT NULL,
	"action" text NOT NULL,
	"selector" jsonb NOT NULL,
	"target_topic" text,
	"rate_per_second" integer,
	"reason" text,
	"note" text,
	"state" text DEFAULT 'running' NOT NULL,
	"total" integer NOT NULL,
	"cursor" integer DEFAULT 0 NOT NULL,
	"claimed_to" integer DEFAULT 0 NOT NULL,
	"done" integer DEFAULT 0 NOT NULL,
	"failed" integer DEFAULT 0 NOT NULL,
	"skipped" integer DEFAULT 0 NOT NULL,
	"rate" real,
	"actor" text NOT NULL,
	"role" text,
	"source" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"runner_id" text,
	"lease_until" timestamp with time zone,
	"in_flight_since" timestamp with time zone,
	"last_error" text,
	"last_error_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "triage_job_failure" (
	"job_id" text NOT NULL,
	"seq" integer NOT NULL,
	"partition" integer NOT NULL,
	"offset" bigint NOT NULL,
	"error" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "triage_job_failure_job_id_seq_pk" PRIMARY KEY("job_id","seq")
);
--> statement-breakpoint
CREATE TABLE "triage_job_item" (
	"job_id" text NOT NULL,
	"seq" integer NOT NULL,
	"partition" integer NOT NULL,
	"offset" bigint NOT NULL,
	"size" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "triage_job_item_job_id_seq_pk" PRIMARY KEY("job_id","seq")
);
--> statement-breakpoint
ALTER TABLE "dlq_message" ADD COLUMN "action_job_id" text;--> statement-breakpoint
CREATE INDEX "triage_job_state_idx" ON "triage_job" USING btree ("state","created_at");--> statement-breakpoint
CREATE INDEX "triage_job_topic_idx" ON "triage_job" USING btree ("cluster","topic","created_at");--> statement-breakpoint
CREATE INDEX "triage_job_item_record_idx" ON "triage_job_item" USING btree ("partition","offset");--> statement-breakpoint
-- Hand-written: room on each page for the updates triage makes (a single redelivery's claim, a resolution), which
-- then more often stay on their page. Applies to pages written from now on.
ALTER TABLE "dlq_message" SET (fillfactor = 85);
