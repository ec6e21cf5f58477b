import { createHash } from "node:crypto";
import { and, asc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import { isAddressEqual, parseEventLogs, type Address, type Hash, type Hex, type PublicClient } from "viem";
import { forgetStake } from "../accounts/stake-status";
import { validatorStakingAbi } from "../chain/abi";
import { ConfigError } from "../config/app-origins";
import type { Db } from "../db/client";
import { queryRows } from "../db/raw";
import { slashes, slashEvidence, submissions, votes } from "../db/schema";
import { ApiError, notFound } from "../http/api-error";

/** When a validator's gold answers justify a slash: fewer than `threshold` right over at least `minAnswers`. */
export type SlashingSettings = { threshold: number; minAnswers: number };

export function slashingSettings(env: Record<string, string | undefined> = process.env): SlashingSettings {
  const threshold = Number(env.GOLD_SLASH_THRESHOLD ?? "0.5");
  const minAnswers = Number(env.GOLD_SLASH_MIN_ANSWERS ?? "3");
  if (!(threshold > 0 && threshold <= 1)) throw new ConfigError(`GOLD_SLASH_THRESHOLD is "${env.GOLD_SLASH_THRESHOLD}": a share of right gold answers in (0, 1], e.g. 0.5.`);
  if (!Number.isInteger(minAnswers) || minAnswers < 1) throw new ConfigError(`GOLD_SLASH_MIN_ANSWERS is "${env.GOLD_SLASH_MIN_ANSWERS}": a whole number of gold answers, at least 1.`);
  return { threshold, minAnswers };
}

export type GoldRecord = { validator: string; answers: number; correct: number; lastSlashedAt: string | null };

/** Validators whose gold answers fall below the threshold, worst first. */
export async function failingValidators(db: Db, settings: SlashingSettings): Promise<GoldRecord[]> {
  const rows = await queryRows<{ validator: string; answers: number; correct: number; last_slashed_at: Date | string | null }>(
    db,
    sql`select v.validator, count(*)::int as answers, (count(*) filter (where v.verdict = s.gold_verdict))::int as correct,
          (select max(x.slashed_at) from ${slashes} x where x.validator = v.validator) as last_slashed_at
        from ${votes} v join ${submissions} s on s.id = v.submission_id
        where s.gold_verdict is not null
        group by v.validator
        having count(*) >= ${settings.minAnswers}
          and (count(*) filter (where v.verdict = s.gold_verdict))::float8 / count(*) < ${settings.threshold}
        order by (count(*) filter (where v.verdict = s.gold_verdict))::float8 / count(*), v.validator`,
  );
  return rows.map((r) => ({ validator: r.validator, answers: r.answers, correct: r.correct, lastSlashedAt: r.last_slashed_at ? new Date(r.last_slashed_at).toISOString() : null }));
}

/**
 * What justifies slashing a validator, as a document anyone can check: every gold item it answered
 * (text, content hash, known answer) and its signed vote on each, with the voting key's
 * delegation when a key signed. Canonical JSON; its sha256 is the evidence hash the slash names.
 */
export type SlashEvidenceDocument = {
  format: "commonplace-slash-evidence/1";
  chain_id: number;
  validator: string;
  threshold: number;
  answers: number;
  correct: number;
  gold: {
    submission_id: string;
    content_hash: string;
    text: string;
    known_answer: "accept" | "reject";
    vote: {
      verdict: "accept" | "reject";
      quality: number;
      flags: string[];
      issued_at: string | null;
      signature: string | null;
      key: string | null;
      key_expires_at: string | null;
      key_signature: string | null;
    };
  }[];
};

const iso = (d: Date | null) => d?.toISOString() ?? null;

export async function buildEvidence(db: Db, validator: Address, chainId: number, settings: SlashingSettings): Promise<{ hash: Hex; document: SlashEvidenceDocument; text: string }> {
  const lower = validator.toLowerCase();
  const rows = await db
    .select({ s: submissions, v: votes })
    .from(votes)
    .innerJoin(submissions, eq(submissions.id, votes.submissionId))
    .where(and(eq(votes.validator, lower), isNotNull(submissions.goldVerdict)))
    .orderBy(asc(votes.createdAt), asc(votes.submissionId));
  if (rows.length === 0) throw notFound("This validator answered no gold item.");
  const gold = rows.map(({ s, v }) => ({
    submission_id: s.id,
    content_hash: s.contentHash,
    text: s.content,
    known_answer: s.goldVerdict as "accept" | "reject",
    vote: {
      verdict: v.verdict,
      quality: v.quality,
      flags: v.flags,
      issued_at: iso(v.issuedAt),
      signature: v.signature,
      key: v.signer,
      key_expires_at: iso(v.keyExpiresAt),
      key_signature: v.keySignature,
    },
  }));
  const document: SlashEvidenceDocument = {
    format: "commonplace-slash-evidence/1",
    chain_id: chainId,
    validator: lower,
    threshold: settings.threshold,
    answers: gold.length,
    correct: gold.filter((g) => g.vote.verdict === g.known_answer).length,
    gold,
  };
  const text = JSON.stringify(document, null, 2) + "\n";
  const hash = `0x${createHash("sha256").update(text).digest("hex")}` as Hex;
  return { hash, document, text };
}

/** Builds and keeps the evidence, so it can be served under its hash before and after the slash. */
export async function publishEvidence(db: Db, validator: Address, chainId: number, settings: SlashingSettings) {
  const evidence = await buildEvidence(db, validator, chainId, settings);
  await db.insert(slashEvidence).values({ hash: evidence.hash, validator: validator.toLowerCase(), document: evidence.text }).onConflictDoNothing();
  return evidence;
}

export async function evidenceText(db: Db, hash: string): Promise<string> {
  const [row] = await db.select({ document: slashEvidence.document }).from(slashEvidence).where(eq(slashEvidence.hash, hash.toLowerCase()));
  if (!row) throw notFound("No evidence with this hash.");
  return row.document;
}

export type RecordedSlash = { validator: string; amount: string; evidenceHash: string; reason: string; txHash: string };

/**
 * Records the Slashed events of a transaction, as the staking contract emitted them (never as a
 * request says): the validator's cached stake is forgotten so its queue closes at once if the stake
 * fell below the minimum, and the gold items its evidence revealed are retired from every queue.
 */
export async function recordSlashes(db: Db, client: PublicClient, staking: Address, txHash: Hash): Promise<RecordedSlash[]> {
  const receipt = await client.getTransactionReceipt({ hash: txHash }).catch(() => null);
  if (!receipt) throw new ApiError(400, "tx_not_found", "The transaction is not on the chain (yet). Wait for its receipt and try again.", "txHash");
  if (receipt.status !== "success") throw new ApiError(400, "tx_failed", "The transaction reverted.", "txHash");
  const events = parseEventLogs({ abi: validatorStakingAbi, eventName: "Slashed", logs: receipt.logs }).filter((e) => isAddressEqual(e.address, staking));
  if (events.length === 0) throw new ApiError(400, "no_slash", "The transaction slashed nobody on our staking contract.", "txHash");
  const block = await client.getBlock({ blockNumber: receipt.blockNumber });
  const slashedAt = new Date(Number(block.timestamp) * 1000);
  const recorded: RecordedSlash[] = [];
  for (const e of events) {
    const row = {
      txHash: txHash.toLowerCase(),
      logIndex: e.logIndex,
      validator: e.args.account.toLowerCase(),
      amount: e.args.amount,
      evidenceHash: e.args.evidenceHash.toLowerCase(),
      reason: e.args.reason,
      blockNumber: receipt.blockNumber,
      slashedAt,
    };
    await db.insert(slashes).values(row).onConflictDoNothing();
    await forgetStake(db, row.validator);
    await retireRevealedGold(db, row.evidenceHash);
    recorded.push({ validator: row.validator, amount: row.amount.toString(), evidenceHash: row.evidenceHash, reason: row.reason, txHash: row.txHash });
  }
  return recorded;
}

async function retireRevealedGold(db: Db, evidenceHash: string): Promise<void> {
  const [row] = await db.select({ document: slashEvidence.document }).from(slashEvidence).where(eq(slashEvidence.hash, evidenceHash));
  if (!row) return;
  const ids = (JSON.parse(row.document) as SlashEvidenceDocument).gold.map((g) => g.submission_id);
  if (ids.length > 0) await db.update(submissions).set({ goldRetiredAt: new Date() }).where(and(inArray(submissions.id, ids), sql`${submissions.goldRetiredAt} is null`));
}
