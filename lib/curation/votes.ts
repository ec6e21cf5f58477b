import { asc, eq, inArray, sql } from "drizzle-orm";
import type { Address, Hex } from "viem";
import type { Db } from "../db/client";
import { accounts, decisions, submissions, votes, type Vote } from "../db/schema";
import { ApiError, notFound } from "../http/api-error";
import { consensusParams, decide, voteWeight, type ConsensusParams, type Decision } from "./consensus";
import { rejectionReason } from "./flags";
import { scoreGold } from "./gold";
import { REPUTATION_DEFAULTS, reputationUpdates, updateReputation } from "./reputation";
import { authenticateVote, type TypedDataVerifier } from "./vote-authentication";
import type { VoteRequest } from "./vote-schema";

export type VoteOutcome = {
  vote: Pick<Vote, "submissionId" | "verdict" | "quality" | "flags" | "createdAt">;
  decision?: { outcome: "accepted" | "rejected"; quality: number | null; reason: string | null };
};

export type VoteContext = { chainId: number; now?: Date; params?: ConsensusParams; verifySmartAccount?: TypedDataVerifier };

/**
 * Records one signed vote and, when it completes a quorum, the decision. The signature is checked
 * first, outside any lock (the item's content hash never changes); then one transaction locks the
 * item's row, so concurrent votes on an item queue up: each is counted once (the (item, validator)
 * key) and the item is decided exactly once. Reputations move in address order so two decisions
 * never wait on each other's rows.
 */
export async function castVote(db: Db, validator: Address, input: VoteRequest, ctx: VoteContext): Promise<VoteOutcome> {
  const voter = validator.toLowerCase();
  const now = ctx.now ?? new Date();
  const params = ctx.params ?? consensusParams();
  const [target] = await db.select({ contentHash: submissions.contentHash }).from(submissions).where(eq(submissions.id, input.submissionId));
  if (!target) throw notFound("No item with this id.");
  const signed = await authenticateVote(
    db,
    { validator, contentHash: target.contentHash as Hex, verdict: input.verdict, quality: input.quality, flags: input.flags, issuedAt: input.issuedAt, signature: input.signature as Hex },
    ctx.chainId,
    now,
    ctx.verifySmartAccount,
  );
  return db.transaction(async (tx) => {
    // The item's row locked, the voter's reputation read (not locked: only decisions lock account rows, NO KEY UPDATE
    // in address order, so votes never wait on each other's accounts), in one statement.
    const [item] = await tx
      .select({
        id: submissions.id,
        contributor: submissions.contributor,
        status: submissions.status,
        goldVerdict: submissions.goldVerdict,
        reputation: accounts.reputation,
      })
      .from(submissions)
      .leftJoin(accounts, eq(accounts.address, voter))
      .where(eq(submissions.id, input.submissionId))
      .for("update", { of: submissions });
    if (!item) throw notFound("No item with this id.");
    if (item.contributor === voter) throw new ApiError(403, "own_item", "You cannot vote on your own item.");
    if (item.status !== "pending") throw new ApiError(409, "already_decided", "This item has already been decided.");
    const reputation = item.reputation ?? REPUTATION_DEFAULTS.initial;
    const [vote] = await tx
      .insert(votes)
      .values({
        submissionId: item.id,
        validator: voter,
        verdict: input.verdict,
        quality: input.quality,
        flags: input.flags,
        reputation,
        weight: voteWeight(reputation, params),
        issuedAt: new Date(input.issuedAt * 1000),
        signature: input.signature.toLowerCase(),
        ...signed,
        createdAt: now,
      })
      .onConflictDoNothing()
      .returning();
    if (!vote) throw new ApiError(409, "already_voted", "You already voted on this item.");
    await tx.update(submissions).set({ voteCount: sql`${submissions.voteCount} + 1` }).where(eq(submissions.id, item.id));
    const shown = { submissionId: vote.submissionId, verdict: vote.verdict, quality: vote.quality, flags: vote.flags, createdAt: vote.createdAt };

    // Gold items have a known answer: they score the validator directly and are never decided.
    if (item.goldVerdict) {
      const next = updateReputation(reputation, scoreGold(vote, item.goldVerdict), "gold");
      await tx.update(accounts).set({ reputation: next }).where(eq(accounts.address, voter));
      return { vote: shown };
    }

    const all = await tx.select().from(votes).where(eq(votes.submissionId, item.id)).orderBy(asc(votes.validator));
    const decision = decide(all, params);
    if (decision.kind === "pending") return { vote: shown };
    return { vote: shown, decision: await recordDecision(tx, item.id, decision, all, params, now) };
  });
}

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

async function recordDecision(tx: Tx, submissionId: string, decision: Exclude<Decision, { kind: "pending" }>, all: Vote[], params: ConsensusParams, now: Date) {
  const outcome = decision.kind;
  const quality = decision.kind === "accepted" ? decision.quality : null;
  const reason = decision.kind === "rejected" ? rejectionReason(decision.reason) : null;
  await tx.update(submissions).set({ status: outcome, quality, rejectReason: reason, decidedAt: now }).where(eq(submissions.id, submissionId));
  await tx.insert(decisions).values({
    submissionId,
    outcome,
    acceptShare: decision.acceptShare,
    quality,
    reason,
    votes: all.map((v) => ({ validator: v.validator, verdict: v.verdict, quality: v.quality, flags: v.flags, weight: v.weight })),
    params,
    decidedAt: now,
  });
  const voters = all.map((v) => v.validator).sort();
  // NO KEY UPDATE, not UPDATE: every vote insert holds KEY SHARE on its voter's account (the foreign
  // key), which UPDATE would wait on, deadlocking a decision against votes on other items.
  const current = await tx
    .select({ address: accounts.address, reputation: accounts.reputation })
    .from(accounts)
    .where(inArray(accounts.address, voters))
    .orderBy(asc(accounts.address))
    .for("no key update");
  const updates = reputationUpdates(decision, all, new Map(current.map((r) => [r.address, r.reputation])));
  for (const address of [...updates.keys()].sort()) {
    await tx.update(accounts).set({ reputation: updates.get(address) ?? REPUTATION_DEFAULTS.initial }).where(eq(accounts.address, address));
  }
  return { outcome, quality, reason };
}
