ALTER TABLE "submissions" ADD COLUMN "minhash_bytes" bytea;--> statement-breakpoint
UPDATE "submissions" SET "minhash_bytes" = (
  SELECT coalesce(string_agg(int4send(h), ''::bytea ORDER BY n), ''::bytea)
  FROM unnest("minhash") WITH ORDINALITY AS hash(h, n)
);--> statement-breakpoint
ALTER TABLE "submissions" DROP COLUMN "minhash";--> statement-breakpoint
ALTER TABLE "submissions" RENAME COLUMN "minhash_bytes" TO "minhash";--> statement-breakpoint
ALTER TABLE "submissions" ALTER COLUMN "minhash" SET NOT NULL;
