import { NextResponse } from "next/server";
import { requireSession } from "@/lib/auth/request-session";
import { currentStakeCheck } from "@/lib/chain/current";
import { requireValidator } from "@/lib/curation/eligibility";
import { voteRequestSchema } from "@/lib/curation/vote-schema";
import { castVote } from "@/lib/curation/votes";
import { getDb } from "@/lib/db/client";
import { readJson } from "@/lib/http/read-json";
import { route } from "@/lib/http/route";
import { log } from "@/lib/log";

export const POST = route(async (request) => {
  const db = await getDb();
  const session = await requireSession(db, request);
  const validator = session.address;
  await requireValidator(db, validator, currentStakeCheck());
  const input = await readJson(request, voteRequestSchema, 4 * 1024);
  const result = await castVote(db, validator, input);
  log.info("vote_cast", { submissionId: input.submissionId, validator: session.address, decision: result.decision?.outcome });
  return NextResponse.json(result, { status: 201 });
});
