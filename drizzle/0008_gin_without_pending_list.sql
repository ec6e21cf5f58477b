ALTER INDEX "submissions_lsh_bands_idx" SET (fastupdate = false);--> statement-breakpoint
SELECT gin_clean_pending_list('submissions_lsh_bands_idx'::regclass);
