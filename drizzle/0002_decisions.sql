CREATE TABLE "decisions" (
	"submission_id" uuid PRIMARY KEY NOT NULL,
	"outcome" text NOT NULL,
	"accept_share" double precision NOT NULL,
	"quality" real,
	"reason" text,
	"votes" jsonb NOT NULL,
	"decided_at" timestamp with time zone NOT NULL,
	CONSTRAINT "decisions_outcome" CHECK ("decisions"."outcome" in ('accepted','rejected'))
);
--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_submission_id_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."submissions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "decisions_decided_at_idx" ON "decisions" USING btree ("decided_at");