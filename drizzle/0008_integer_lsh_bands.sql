DROP INDEX "submissions_lsh_bands_idx";--> statement-breakpoint
ALTER TABLE "submissions" ADD COLUMN "lsh_band_keys" bigint[];--> statement-breakpoint
UPDATE "submissions" SET "lsh_band_keys" = (
  SELECT coalesce(array_agg((split_part(b, ':', 1)::bigint << 32) + ('x' || split_part(b, ':', 2))::bit(32)::bigint ORDER BY n), '{}')
  FROM unnest("lsh_bands") WITH ORDINALITY AS band(b, n)
);--> statement-breakpoint
ALTER TABLE "submissions" DROP COLUMN "lsh_bands";--> statement-breakpoint
ALTER TABLE "submissions" RENAME COLUMN "lsh_band_keys" TO "lsh_bands";--> statement-breakpoint
ALTER TABLE "submissions" ALTER COLUMN "lsh_bands" SET NOT NULL;--> statement-breakpoint
CREATE INDEX "submissions_lsh_bands_idx" ON "submissions" USING gin ("lsh_bands") WITH (fastupdate=false);
