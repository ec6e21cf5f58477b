import { NextResponse } from "next/server";
import { getAddress } from "viem";
import { chainSettings } from "@/lib/chain/config";
import { grantSchema, grantValidator } from "@/lib/curation/admin";
import { ApiError } from "@/lib/http/api-error";
import { route } from "@/lib/http/route";
import { log } from "@/lib/log";
import { NETWORK_STATS_TAG } from "@/lib/stats/landing-stats";

/** A curator's grant of the validator role: the local chain's stand-in for staking. */
export const POST = route({ auth: "curator", limit: "grants", body: grantSchema, maxBytes: 1024, revalidates: [NETWORK_STATS_TAG] }, async ({ db, session, body }) => {
  if (!chainSettings().local) throw new ApiError(403, "stake_required", "On this chain validators qualify by staking, not by grant.");
  await grantValidator(db, body.address);
  log.info("validator_granted", { address: body.address, by: session.address });
  return NextResponse.json({ address: getAddress(body.address), validator: true }, { status: 201 });
});
