CREATE TABLE "accounts" (
	"address" text PRIMARY KEY NOT NULL,
	"roles" text[] DEFAULT '{}'::text[] NOT NULL,
	"reputation" double precision DEFAULT 0.5 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "accounts_address_lowercase" CHECK ("accounts"."address" ~ '^0x[0-9a-f]{40}$')
);
--> statement-breakpoint
CREATE TABLE "auth_nonces" (
	"nonce" text PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "reward_allocations" (
	"epoch" integer NOT NULL,
	"address" text NOT NULL,
	"contributor_amount" numeric(78, 0) NOT NULL,
	"validator_amount" numeric(78, 0) NOT NULL,
	"cumulative" numeric(78, 0) NOT NULL,
	CONSTRAINT "reward_allocations_epoch_address_pk" PRIMARY KEY("epoch","address")
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"address" text NOT NULL,
	"chain_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "snapshot_items" (
	"epoch" integer NOT NULL,
	"submission_id" uuid NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "snapshot_items_epoch_position_pk" PRIMARY KEY("epoch","position"),
	CONSTRAINT "snapshot_items_submission_id_unique" UNIQUE("submission_id")
);
--> statement-breakpoint
CREATE TABLE "snapshots" (
	"epoch" integer PRIMARY KEY NOT NULL,
	"cutoff" timestamp with time zone NOT NULL,
	"item_count" integer NOT NULL,
	"dataset_root" text NOT NULL,
	"reward_root" text NOT NULL,
	"manifest_hash" text NOT NULL,
	"budget" numeric(78, 0) NOT NULL,
	"total_cumulative" numeric(78, 0) NOT NULL,
	"status" text DEFAULT 'exported' NOT NULL,
	"tx_hash" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone,
	CONSTRAINT "snapshots_epoch_positive" CHECK ("snapshots"."epoch" >= 1),
	CONSTRAINT "snapshots_status" CHECK ("snapshots"."status" in ('exported','published'))
);
--> statement-breakpoint
CREATE TABLE "submissions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"contributor" text NOT NULL,
	"content" text NOT NULL,
	"source_url" text,
	"tags" text[] NOT NULL,
	"license" text NOT NULL,
	"content_hash" text NOT NULL,
	"normalized_hash" text NOT NULL,
	"simhash" bigint NOT NULL,
	"near_duplicate_of" uuid,
	"pii_flags" text[] DEFAULT '{}'::text[] NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"quality" real,
	"reject_reason" text,
	"signature" text NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"gold_verdict" text,
	"vote_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone,
	CONSTRAINT "submissions_normalized_hash_unique" UNIQUE("normalized_hash"),
	CONSTRAINT "submissions_status" CHECK ("submissions"."status" in ('pending','accepted','rejected')),
	CONSTRAINT "submissions_quality" CHECK ("submissions"."quality" is null or ("submissions"."quality" >= 1 and "submissions"."quality" <= 5))
);
--> statement-breakpoint
CREATE TABLE "votes" (
	"submission_id" uuid NOT NULL,
	"validator" text NOT NULL,
	"verdict" text NOT NULL,
	"quality" smallint NOT NULL,
	"flags" text[] DEFAULT '{}'::text[] NOT NULL,
	"weight" double precision NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "votes_submission_id_validator_pk" PRIMARY KEY("submission_id","validator"),
	CONSTRAINT "votes_verdict" CHECK ("votes"."verdict" in ('accept','reject')),
	CONSTRAINT "votes_quality" CHECK ("votes"."quality" between 1 and 5)
);
--> statement-breakpoint
ALTER TABLE "reward_allocations" ADD CONSTRAINT "reward_allocations_epoch_snapshots_epoch_fk" FOREIGN KEY ("epoch") REFERENCES "public"."snapshots"("epoch") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reward_allocations" ADD CONSTRAINT "reward_allocations_address_accounts_address_fk" FOREIGN KEY ("address") REFERENCES "public"."accounts"("address") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_address_accounts_address_fk" FOREIGN KEY ("address") REFERENCES "public"."accounts"("address") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "snapshot_items" ADD CONSTRAINT "snapshot_items_epoch_snapshots_epoch_fk" FOREIGN KEY ("epoch") REFERENCES "public"."snapshots"("epoch") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "snapshot_items" ADD CONSTRAINT "snapshot_items_submission_id_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."submissions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_contributor_accounts_address_fk" FOREIGN KEY ("contributor") REFERENCES "public"."accounts"("address") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "votes" ADD CONSTRAINT "votes_submission_id_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."submissions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "votes" ADD CONSTRAINT "votes_validator_accounts_address_fk" FOREIGN KEY ("validator") REFERENCES "public"."accounts"("address") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "auth_nonces_expires_idx" ON "auth_nonces" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "sessions_address_idx" ON "sessions" USING btree ("address");--> statement-breakpoint
CREATE INDEX "submissions_contributor_idx" ON "submissions" USING btree ("contributor","created_at");--> statement-breakpoint
CREATE INDEX "submissions_queue_idx" ON "submissions" USING btree ("status","vote_count","created_at");--> statement-breakpoint
CREATE INDEX "submissions_decided_idx" ON "submissions" USING btree ("status","decided_at");--> statement-breakpoint
CREATE INDEX "votes_validator_idx" ON "votes" USING btree ("validator","created_at");