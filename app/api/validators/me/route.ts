import { NextResponse } from "next/server";
import { profileOf } from "@/lib/accounts/profile";
import { currentStakeReader } from "@/lib/chain/current";
import { validatorSummaries, type MyValidation } from "@/lib/curation/stats";
import { route } from "@/lib/http/route";

/** The caller's record as a validator: votes and agreement, reputation, stake (pending unstake, unlock time) and slashes. */
export const GET = route({ auth: "session", limit: "session" }, async ({ db, session }) => {
  const [[summary], profile] = await Promise.all([validatorSummaries(db, session.address), profileOf(db, session, currentStakeReader())]);
  const body: MyValidation = {
    ...(summary ?? { address: session.address.toLowerCase(), reputation: session.reputation, votes: 0, agreed: 0, disagreed: 0, agreementRate: null, votesToday: 0 }),
    stake: profile.stake,
    slashes: profile.slashes,
  };
  return NextResponse.json(body, { headers: { "cache-control": "no-store" } });
});
