import { NextResponse } from "next/server";
import { getAddress } from "viem";
import { z } from "zod";
import { chainSettings } from "@/lib/chain/config";
import { publishEvidence, slashingSettings } from "@/lib/curation/slashing";
import { route } from "@/lib/http/route";

const bodySchema = z.object({ validator: z.string().regex(/^0x[0-9a-fA-F]{40}$/, "Give the validator's 0x address.") });

/** Builds and publishes the evidence against a validator; its hash goes into the slash transaction. */
export const POST = route({ auth: "curator", limit: "slashes", body: bodySchema, maxBytes: 1024 }, async ({ db, body }) => {
  const { hash, document } = await publishEvidence(db, getAddress(body.validator), chainSettings().chainId, slashingSettings());
  return NextResponse.json({ hash, document }, { status: 201 });
});
