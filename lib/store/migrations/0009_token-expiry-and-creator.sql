ALTER TABLE "api_token" ADD COLUMN "creator_user_id" text;--> statement-breakpoint
ALTER TABLE "api_token" ADD COLUMN "expires_at" timestamp with time zone;