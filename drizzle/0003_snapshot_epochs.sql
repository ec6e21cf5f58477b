ALTER TABLE "snapshot_items" DROP CONSTRAINT "snapshot_items_submission_id_unique";--> statement-breakpoint
ALTER TABLE "snapshots" DROP CONSTRAINT "snapshots_status";--> statement-breakpoint
ALTER TABLE "snapshots" ADD COLUMN "vote_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "snapshots" ADD COLUMN "contributor_share_bps" integer DEFAULT 7000 NOT NULL;--> statement-breakpoint
ALTER TABLE "snapshots" ADD COLUMN "manifest" jsonb;--> statement-breakpoint
CREATE INDEX "snapshot_items_submission_idx" ON "snapshot_items" USING btree ("submission_id","epoch");--> statement-breakpoint
ALTER TABLE "snapshots" ADD CONSTRAINT "snapshots_status" CHECK ("snapshots"."status" in ('exporting','exported','published'));