CREATE TABLE "export_jobs" (
	"epoch" integer PRIMARY KEY NOT NULL,
	"state" text DEFAULT 'queued' NOT NULL,
	"lease_owner" text,
	"lease_until" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"progress" jsonb,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	CONSTRAINT "export_jobs_state" CHECK ("export_jobs"."state" in ('queued','running','done','failed'))
);
--> statement-breakpoint
CREATE INDEX "export_jobs_state_idx" ON "export_jobs" USING btree ("state","lease_until");--> statement-breakpoint
-- Exports cut off by a crash before there was a queue: give each its job, so a worker finishes it.
INSERT INTO "export_jobs" ("epoch") SELECT "epoch" FROM "snapshots" WHERE "status" = 'exporting' ON CONFLICT DO NOTHING;
