import { NextResponse } from "next/server";
import { getAddress } from "viem";
import { requireSession } from "@/lib/auth/request-session";
import { chainSettings } from "@/lib/chain/config";
import { grantSchema, grantValidator } from "@/lib/curation/admin";
import { requireCurator } from "@/lib/curation/eligibility";
import { getDb } from "@/lib/db/client";
import { ApiError } from "@/lib/http/api-error";
import { readJson } from "@/lib/http/read-json";
import { route } from "@/lib/http/route";
import { log } from "@/lib/log";

/** A curator's grant of the validator role: the local chain's stand-in for staking. */
export const POST = route(async (request) => {
  const db = await getDb();
  const session = await requireSession(db, request);
  await requireCurator(db, session.address);
  if (!chainSettings().local) throw new ApiError(403, "stake_required", "On this chain validators qualify by staking, not by grant.");
  const { address } = await readJson(request, grantSchema, 1024);
  await grantValidator(db, address);
  log.info("validator_granted", { address, by: session.address });
  return NextResponse.json({ address: getAddress(address), validator: true }, { status: 201 });
});
