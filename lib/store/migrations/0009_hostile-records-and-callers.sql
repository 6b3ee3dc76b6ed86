ALTER TABLE "api_token" ADD COLUMN "creator_user_id" text;--> statement-breakpoint
ALTER TABLE "api_token" ADD COLUMN "expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "dlq_message" ADD COLUMN "unparsed_reason" text;--> statement-breakpoint
ALTER TABLE "redelivery_in_flight" ADD COLUMN "checking_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "redelivery_in_flight" ADD COLUMN "send_error" text;--> statement-breakpoint
ALTER TABLE "redelivery_in_flight" ADD COLUMN "details" jsonb;--> statement-breakpoint
CREATE INDEX "dlq_failure_group_recent_idx" ON "dlq_failure_group" USING btree ("cluster","topic","last_seen" DESC NULLS LAST,"fingerprint");