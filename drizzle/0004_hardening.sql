-- Nonces issued before browser binding existed can never be redeemed: drop them so the column can be required.
DELETE FROM "auth_nonces";--> statement-breakpoint
ALTER TABLE "auth_nonces" ADD COLUMN "binding_hash" text NOT NULL;--> statement-breakpoint
ALTER TABLE "snapshots" ADD COLUMN "pending_tx_hash" text;--> statement-breakpoint
ALTER TABLE "snapshots" ADD COLUMN "pending_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "snapshots" ADD COLUMN "publication_error" jsonb;--> statement-breakpoint
CREATE INDEX "rate_limit_windows_start_idx" ON "rate_limit_windows" USING btree ("window_start");