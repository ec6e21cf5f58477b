import { NextResponse } from "next/server";
import { chainSettings } from "@/lib/chain/config";
import { route } from "@/lib/http/route";
import { log } from "@/lib/log";
import { listContributorSubmissions, listQuerySchema } from "@/lib/submissions/queries";
import { submissionRequestSchema } from "@/lib/submissions/schema";
import { submit } from "@/lib/submissions/submit";
import { NETWORK_STATS_TAG } from "@/lib/stats/landing-stats";

/** 10,000 characters of 4-byte UTF-8 plus the other fields fit well below this. */
const MAX_BODY_BYTES = 64 * 1024;

export const POST = route(
  { auth: "session", limit: "submissions", body: submissionRequestSchema, maxBytes: MAX_BODY_BYTES, revalidates: [NETWORK_STATS_TAG] },
  async ({ db, session, body }) => {
    const result = await submit(db, body, { contributor: session.address, chainId: chainSettings().chainId });
    log.info("submission_accepted", { id: result.id, contributor: session.address, nearDuplicate: !!result.nearDuplicateOf });
    return NextResponse.json(result, { status: 201 });
  },
);

export const GET = route({ auth: "session", limit: "reads", query: listQuerySchema }, async ({ db, session, query }) => {
  const page = await listContributorSubmissions(db, session.address, query);
  return NextResponse.json(page, { headers: { "cache-control": "no-store" } });
});
