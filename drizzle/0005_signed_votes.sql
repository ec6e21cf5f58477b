CREATE TABLE "voting_keys" (
	"key" text PRIMARY KEY NOT NULL,
	"validator" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"signature" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "voting_keys_key_lowercase" CHECK ("voting_keys"."key" ~ '^0x[0-9a-f]{40}$')
);
--> statement-breakpoint
-- Decisions made so far used the defaults: quorum 3, at most 7 votes, accept at >= 2/3, reject at <= 1/3.
ALTER TABLE "decisions" ADD COLUMN "params" jsonb;--> statement-breakpoint
UPDATE "decisions" SET "params" = '{"quorum":3,"maxVotes":7,"acceptThreshold":0.6666666666666666,"rejectThreshold":0.3333333333333333,"minWeight":0.05,"weightExponent":2}'::jsonb;--> statement-breakpoint
ALTER TABLE "decisions" ALTER COLUMN "params" SET NOT NULL;--> statement-breakpoint
-- votes.weight held the reputation at vote time: keep it as reputation, and store the weight it counted with (max(0.05, r^2)).
ALTER TABLE "votes" ADD COLUMN "reputation" double precision;--> statement-breakpoint
UPDATE "votes" SET "reputation" = "weight", "weight" = greatest(0.05, power(least(greatest("weight", 0), 1), 2));--> statement-breakpoint
ALTER TABLE "votes" ALTER COLUMN "reputation" SET NOT NULL;--> statement-breakpoint
UPDATE "decisions" SET "votes" = (
  SELECT jsonb_agg(jsonb_set(v, '{weight}', to_jsonb(greatest(0.05, power(least(greatest((v->>'weight')::float8, 0), 1), 2)))))
  FROM jsonb_array_elements("decisions"."votes") v
) WHERE jsonb_array_length("votes") > 0;--> statement-breakpoint
ALTER TABLE "votes" ADD COLUMN "issued_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "votes" ADD COLUMN "signature" text;--> statement-breakpoint
ALTER TABLE "votes" ADD COLUMN "signer" text;--> statement-breakpoint
ALTER TABLE "votes" ADD COLUMN "key_expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "votes" ADD COLUMN "key_signature" text;--> statement-breakpoint
ALTER TABLE "voting_keys" ADD CONSTRAINT "voting_keys_validator_accounts_address_fk" FOREIGN KEY ("validator") REFERENCES "public"."accounts"("address") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "voting_keys_validator_idx" ON "voting_keys" USING btree ("validator","created_at");