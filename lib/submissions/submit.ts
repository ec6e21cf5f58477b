import { desc, eq, sql } from "drizzle-orm";
import type { Address } from "viem";
import type { Db } from "../db/client";
import { submissions, type Submission } from "../db/schema";
import { ApiError } from "../http/api-error";
import { contentFingerprints } from "./fingerprints";
import { equalPositions, MINHASH_SIZE, NEAR_DUPLICATE_JACCARD } from "./minhash";
import { detectPersonalData } from "./personal-data";
import type { SubmissionRequest } from "./schema";
import { contentHash } from "./typed-data";
import { recoverAddressFast } from "../signing/fast-recover";
import { submissionDigest } from "../signing/snapshot-digests";
import { screeningSettings } from "../config/screening";
import type { ScreeningSettings } from "../screening/hard-rules";
import { type Screening, screenOrRefuse } from "../screening/screen";
import { screeningColumns } from "../screening/stored";

export const SIGNATURE_MAX_AGE_SECONDS = 10 * 60;
const MAX_CLOCK_SKEW_SECONDS = 2 * 60;

export type SubmitContext = { contributor: Address; chainId: number; now?: Date; screening?: ScreeningSettings };

export type SubmitResult = Pick<Submission, "id" | "status" | "contentHash" | "nearDuplicateOf" | "piiFlags" | "createdAt"> & {
  screening: Screening;
};

/**
 * The signed-ingest pipeline (after the route guard's session and rate limit), cheapest checks
 * first and nothing written before all pass: freshness → EIP-712 signature by the session's
 * address → AI screening (hard rules refuse with 422; the rest are stored signals) → near-duplicate and personal-data
 * hints → one insert whose unique key on the normalized text refuses exact duplicates (also between concurrent requests).
 */
export async function submit(db: Db, input: SubmissionRequest, ctx: SubmitContext): Promise<SubmitResult> {
  const now = ctx.now ?? new Date();
  const age = Math.floor(now.getTime() / 1000) - input.issuedAt;
  if (age > SIGNATURE_MAX_AGE_SECONDS)
    throw new ApiError(400, "signature_expired", "The signature is older than 10 minutes. Sign again.", "issuedAt");
  if (age < -MAX_CLOCK_SKEW_SECONDS)
    throw new ApiError(400, "signature_from_future", "issuedAt is in the future. Check your clock.", "issuedAt");

  const contributor = ctx.contributor.toLowerCase();
  const signedHash = contentHash(input.content);
  const digest = submissionDigest(
    { contributor, content_hash: signedHash, source_url: input.sourceUrl ?? null, tags: input.tags, license: input.license, issued_at: input.issuedAt },
    ctx.chainId,
  );
  if (recoverAddressFast(digest, input.signature) !== contributor)
    throw new ApiError(400, "invalid_signature", "The signature does not match these fields and your signed-in address.", "signature");

  const screening = await screenOrRefuse(input.content, ctx.screening ?? screeningSettings());
  const fingerprints = contentFingerprints(input.content, signedHash);
  const nearDuplicateOf = await findNearDuplicate(db, fingerprints.minhash, fingerprints.lshBands);
  const row = {
    contributor,
    content: input.content,
    sourceUrl: input.sourceUrl ?? null,
    tags: input.tags,
    license: input.license,
    ...fingerprints,
    nearDuplicateOf,
    piiFlags: detectPersonalData(input.content),
    ...screeningColumns(screening),
    signature: input.signature.toLowerCase(),
    issuedAt: new Date(input.issuedAt * 1000),
    // Millisecond precision, as JS dates carry, so keyset cursors compare exactly.
    createdAt: now,
  };
  const [inserted] = await db
    .insert(submissions)
    .values(row)
    .onConflictDoNothing({ target: submissions.normalizedHash })
    .returning({
      id: submissions.id,
      status: submissions.status,
      contentHash: submissions.contentHash,
      nearDuplicateOf: submissions.nearDuplicateOf,
      piiFlags: submissions.piiFlags,
      createdAt: submissions.createdAt,
    });
  if (inserted) return { ...inserted, screening };
  // The unique key on the normalized hash decides, also between concurrent identical submissions.
  const existing = await findByNormalizedHash(db, fingerprints.normalizedHash);
  throw duplicate(existing?.id ?? "unknown");
}

function duplicate(id: string) {
  return new ApiError(409, "duplicate", `This text was already submitted (item ${id}).`, "content");
}

async function findByNormalizedHash(db: Db, hash: string) {
  const [row] = await db.select({ id: submissions.id }).from(submissions).where(eq(submissions.normalizedHash, hash));
  return row;
}

/** Equal positions out of MINHASH_SIZE that make an estimated Jaccard similarity of at least NEAR_DUPLICATE_JACCARD. */
const NEAR_DUPLICATE_MIN_EQUAL = Math.ceil(NEAR_DUPLICATE_JACCARD * MINHASH_SIZE);

/**
 * The most similar earlier item at or above the threshold, among the 200 newest sharing an LSH band; ties go to the
 * newest. The 512-byte signatures are compared here: comparing them position by position in
 * SQL cost Postgres more than the whole rest of a submission.
 */
async function findNearDuplicate(db: Db, signature: Uint8Array, bands: readonly number[]): Promise<string | null> {
  const candidates = await db
    .select({ id: submissions.id, minhash: submissions.minhash })
    .from(submissions)
    .where(sql`${submissions.lshBands} && ${`{${bands.join(",")}}`}::bigint[]`)
    .orderBy(desc(submissions.createdAt))
    .limit(200);
  let best: { id: string; equal: number } | null = null;
  for (const c of candidates) {
    const equal = equalPositions(signature, c.minhash);
    if (equal >= NEAR_DUPLICATE_MIN_EQUAL && (!best || equal > best.equal)) best = { id: c.id, equal };
  }
  return best?.id ?? null;
}
