CREATE TABLE "slash_evidence" (
	"hash" text PRIMARY KEY NOT NULL,
	"validator" text NOT NULL,
	"document" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "slashes" (
	"tx_hash" text NOT NULL,
	"log_index" integer NOT NULL,
	"validator" text NOT NULL,
	"amount" numeric(78, 0) NOT NULL,
	"evidence_hash" text NOT NULL,
	"reason" text NOT NULL,
	"block_number" numeric(78, 0) NOT NULL,
	"slashed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "slashes_tx_hash_log_index_pk" PRIMARY KEY("tx_hash","log_index")
);
--> statement-breakpoint
CREATE TABLE "validator_stakes" (
	"address" text PRIMARY KEY NOT NULL,
	"active" numeric(78, 0) NOT NULL,
	"pending" numeric(78, 0) NOT NULL,
	"unlock_at" timestamp with time zone,
	"min_stake" numeric(78, 0) NOT NULL,
	"is_validator" boolean NOT NULL,
	"checked_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "submissions" ADD COLUMN "gold_retired_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "slashes_validator_idx" ON "slashes" USING btree ("validator","slashed_at");