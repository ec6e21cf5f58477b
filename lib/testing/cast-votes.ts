import type { PrivateKeyAccount } from "viem/accounts";
import type { Db } from "../db/client";
import type { VoteFlag } from "../curation/flags";
import { castVote } from "../curation/votes";
import { signedVote } from "./votes";

/**
 * castVote with a wallet-signed vote: for tests that need decided items. Apart from ./votes.ts, which browser tests
 * import: castVote reaches the native signature recovery, whose module loader Playwright's transform cannot compile.
 */
export async function voteAs(db: Db, account: PrivateKeyAccount, submissionId: string, verdict: "accept" | "reject", quality = 4, flags: VoteFlag[] = []) {
  return castVote(db, account.address, await signedVote(db, account, submissionId, verdict, quality, flags), { chainId: 31337 });
}
