ALTER TABLE "redelivery_in_flight" ADD COLUMN "checking_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "redelivery_in_flight" ADD COLUMN "send_error" text;--> statement-breakpoint
ALTER TABLE "redelivery_in_flight" ADD COLUMN "details" jsonb;