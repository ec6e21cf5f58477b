import { NextResponse } from "next/server";
import type { Hash } from "viem";
import { z } from "zod";
import { currentDeployment } from "@/lib/chain/current";
import { getPublicClient } from "@/lib/chain/public-client";
import { recordSlashes } from "@/lib/curation/slashing";
import { ApiError } from "@/lib/http/api-error";
import { route } from "@/lib/http/route";
import { log } from "@/lib/log";

const bodySchema = z.object({ txHash: z.string().regex(/^0x[0-9a-fA-F]{64}$/, "txHash is a 32-byte 0x hash.") });

/** The curator reports the slash transaction their wallet sent; what is recorded comes from its Slashed events. */
export const POST = route({ auth: "curator", limit: "slashes", body: bodySchema, maxBytes: 1024 }, async ({ db, session, body }) => {
  const deployment = currentDeployment();
  if (!deployment) throw new ApiError(409, "no_contracts", "No staking contract is deployed on this chain.");
  const recorded = await recordSlashes(db, getPublicClient(), deployment.staking, body.txHash as Hash);
  for (const s of recorded) log.info("validator_slashed", { validator: s.validator, amount: s.amount, evidenceHash: s.evidenceHash, by: session.address });
  return NextResponse.json({ slashes: recorded }, { status: 201 });
});
