CREATE TABLE "rate_limit_windows" (
	"key" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"hits" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "rate_limit_windows_key_window_start_pk" PRIMARY KEY("key","window_start")
);
--> statement-breakpoint
ALTER TABLE "submissions" ADD COLUMN "minhash" integer[] NOT NULL;--> statement-breakpoint
ALTER TABLE "submissions" ADD COLUMN "lsh_bands" text[] NOT NULL;--> statement-breakpoint
CREATE INDEX "submissions_lsh_bands_idx" ON "submissions" USING gin ("lsh_bands");--> statement-breakpoint
CREATE INDEX "submissions_tags_idx" ON "submissions" USING gin ("tags");--> statement-breakpoint
ALTER TABLE "submissions" DROP COLUMN "simhash";