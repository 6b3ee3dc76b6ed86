CREATE TABLE "alert_rule" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"cluster" text NOT NULL,
	"target" text,
	"threshold" bigint DEFAULT 0 NOT NULL,
	"for_seconds" integer DEFAULT 0 NOT NULL,
	"webhook_url" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"state" text DEFAULT 'ok' NOT NULL,
	"breached_since" timestamp with time zone,
	"baseline_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_value" text,
	"last_evaluated_at" timestamp with time zone,
	"pending_notice" text,
	"pending_notice_text" text,
	"notice_claimed_until" timestamp with time zone,
	"last_fired_at" timestamp with time zone,
	"last_resolved_at" timestamp with time zone,
	"last_error" text,
	"last_error_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "group_lag_sample" (
	"cluster" text NOT NULL,
	"group_id" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"lag" bigint NOT NULL,
	CONSTRAINT "group_lag_sample_cluster_group_id_at_pk" PRIMARY KEY("cluster","group_id","at")
);
--> statement-breakpoint
CREATE TABLE "monitoring_slot" (
	"job" text NOT NULL,
	"slot" timestamp with time zone NOT NULL,
	"claimed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "monitoring_slot_job_slot_pk" PRIMARY KEY("job","slot")
);
--> statement-breakpoint
CREATE INDEX "group_lag_sample_at_idx" ON "group_lag_sample" USING btree ("at");