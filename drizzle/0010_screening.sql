ALTER TABLE "submissions" ADD COLUMN "language" text;--> statement-breakpoint
ALTER TABLE "submissions" ADD COLUMN "language_score" real;--> statement-breakpoint
ALTER TABLE "submissions" ADD COLUMN "screening_verdict" text;--> statement-breakpoint
ALTER TABLE "submissions" ADD COLUMN "screening_reasons" text[];--> statement-breakpoint
ALTER TABLE "submissions" ADD COLUMN "screening_signals" jsonb;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_screening_verdict" CHECK ("submissions"."screening_verdict" is null or "submissions"."screening_verdict" in ('pass','flag'));