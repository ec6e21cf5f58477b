import { NextResponse } from "next/server";
import { requireSession } from "@/lib/auth/request-session";
import { chainSettings } from "@/lib/chain/config";
import { getDb } from "@/lib/db/client";
import { ApiError } from "@/lib/http/api-error";
import { parseRateLimit } from "@/lib/http/rate-limit";
import { readJson } from "@/lib/http/read-json";
import { route } from "@/lib/http/route";
import { log } from "@/lib/log";
import { listContributorSubmissions, listQuerySchema } from "@/lib/submissions/queries";
import { submissionRequestSchema } from "@/lib/submissions/schema";
import { DEFAULT_SUBMIT_RATE_LIMIT, submit } from "@/lib/submissions/submit";

/** 10,000 characters of 4-byte UTF-8 plus the other fields fit well below this. */
const MAX_BODY_BYTES = 64 * 1024;

export const POST = route(async (request) => {
  const db = await getDb();
  const session = await requireSession(db, request);
  const input = await readJson(request, submissionRequestSchema, MAX_BODY_BYTES);
  const result = await submit(db, input, {
    contributor: session.address,
    chainId: chainSettings().chainId,
    rateLimit: parseRateLimit(process.env.SUBMIT_RATE_LIMIT, DEFAULT_SUBMIT_RATE_LIMIT),
  });
  log.info("submission_accepted", { id: result.id, contributor: session.address, nearDuplicate: !!result.nearDuplicateOf });
  return NextResponse.json(result, { status: 201 });
});

export const GET = route(async (request) => {
  const db = await getDb();
  const session = await requireSession(db, request);
  const params = Object.fromEntries(request.nextUrl.searchParams);
  if (params.mine !== "1") throw new ApiError(400, "invalid_input", "Only your own submissions can be listed: pass mine=1.", "mine");
  const parsed = listQuerySchema.safeParse(params);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ApiError(400, "invalid_input", issue?.message ?? "Invalid query.", issue?.path.join("."));
  }
  const page = await listContributorSubmissions(db, session.address, parsed.data);
  return NextResponse.json(page, { headers: { "cache-control": "no-store" } });
});
