ALTER TABLE "dlq_message" ADD COLUMN "action_id" text;--> statement-breakpoint
ALTER TABLE "dlq_message" ADD COLUMN "action_started_at" timestamp with time zone;