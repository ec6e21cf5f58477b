import { NextResponse } from "next/server";
import { requireSession } from "@/lib/auth/request-session";
import { validatorSummaries } from "@/lib/curation/stats";
import { getDb } from "@/lib/db/client";
import { route } from "@/lib/http/route";

export const GET = route(async (request) => {
  const db = await getDb();
  const session = await requireSession(db, request);
  const [summary] = await validatorSummaries(db, session.address);
  return NextResponse.json(
    summary ?? { address: session.address.toLowerCase(), reputation: 0.5, votes: 0, agreed: 0, disagreed: 0, agreementRate: null, votesToday: 0 },
    { headers: { "cache-control": "no-store" } },
  );
});
