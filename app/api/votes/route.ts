import { NextResponse } from "next/server";
import { chainSettings } from "@/lib/chain/config";
import { verifyDigestOnChain } from "@/lib/chain/signature-verifiers";
import { voteRequestSchema } from "@/lib/curation/vote-schema";
import { castVote } from "@/lib/curation/votes";
import { route } from "@/lib/http/route";
import { log } from "@/lib/log";
import { NETWORK_STATS_TAG } from "@/lib/stats/landing-stats";

export const POST = route({ auth: "validator", limit: "votes", body: voteRequestSchema, maxBytes: 4 * 1024, revalidates: [NETWORK_STATS_TAG] }, async ({ db, session, body }) => {
  const result = await castVote(db, session.address, body, { chainId: chainSettings().chainId, verifySmartAccount: verifyDigestOnChain });
  log.info("vote_cast", { submissionId: body.submissionId, validator: session.address, decision: result.decision?.outcome });
  return NextResponse.json(result, { status: 201 });
});
