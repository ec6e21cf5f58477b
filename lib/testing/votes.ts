import { eq } from "drizzle-orm";
import type { Hex } from "viem";
import type { PrivateKeyAccount } from "viem/accounts";
import type { Db } from "../db/client";
import { submissions } from "../db/schema";
import type { VoteFlag } from "../curation/flags";
import { signedVoteRequest } from "../curation/vote-typed-data";

/** A vote body signed by `account`'s wallet over the item's content hash, as a validator's browser sends it. */
export async function signedVote(db: Db, account: PrivateKeyAccount, submissionId: string, verdict: "accept" | "reject", quality = 4, flags: VoteFlag[] = [], issuedAt?: number) {
  const [item] = await db.select({ contentHash: submissions.contentHash }).from(submissions).where(eq(submissions.id, submissionId));
  return signedVoteRequest(account, { submissionId, contentHash: (item?.contentHash ?? `0x${"0".repeat(64)}`) as Hex, verdict, quality, flags }, 31337, { issuedAt });
}
