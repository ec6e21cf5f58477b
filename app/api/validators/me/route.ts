import { NextResponse } from "next/server";
import { validatorSummaries } from "@/lib/curation/stats";
import { route } from "@/lib/http/route";

export const GET = route({ auth: "session", limit: "session" }, async ({ db, session }) => {
  const [summary] = await validatorSummaries(db, session.address);
  return NextResponse.json(
    summary ?? { address: session.address.toLowerCase(), reputation: session.reputation, votes: 0, agreed: 0, disagreed: 0, agreementRate: null, votesToday: 0 },
    { headers: { "cache-control": "no-store" } },
  );
});
