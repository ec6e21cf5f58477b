import { NextResponse } from "next/server";
import type { Hash } from "viem";
import { z } from "zod";
import { currentDeployment } from "@/lib/chain/current";
import { getPublicClient } from "@/lib/chain/public-client";
import { ApiError } from "@/lib/http/api-error";
import { route } from "@/lib/http/route";
import { log } from "@/lib/log";
import { summarize } from "@/lib/snapshots/catalog";
import { publicationState, reportPublication, type PublicationState } from "@/lib/snapshots/publication";
import { NETWORK_STATS_TAG } from "@/lib/stats/landing-stats";

const paramsSchema = z.object({ epoch: z.string().regex(/^[1-9]\d{0,8}$/).transform(Number) });
const bodySchema = z.object({ txHash: z.string().regex(/^0x[0-9a-fA-F]{64}$/, "txHash is a 32-byte 0x hash.") });

function distributor() {
  const deployment = currentDeployment();
  if (!deployment) throw new ApiError(409, "no_contracts", "No distributor is deployed on this chain.");
  return deployment.distributor;
}

/** 200 once confirmed, 202 while the chain has not settled the transaction (poll GET), 4xx when refused. */
function answer(state: PublicationState) {
  if (state.state === "confirmed") return NextResponse.json({ state: "confirmed", snapshot: summarize(state.snapshot) });
  return NextResponse.json(state, { status: state.state === "pending" ? 202 : 200, headers: { "cache-control": "no-store" } });
}

/** The curator reports the transaction their wallet sent; the answer comes at once, never after waiting on the chain. */
export const POST = route(
  { auth: "curator", limit: "publication", params: paramsSchema, body: bodySchema, maxBytes: 1024, revalidates: [NETWORK_STATS_TAG] },
  async ({ db, session, params, body }) => {
    const state = await reportPublication(db, getPublicClient(), distributor(), params.epoch, body.txHash as Hash);
    log.info("publication_reported", { epoch: params.epoch, state: state.state, by: session.address });
    return answer(state);
  },
);

// A GET settles a pending publication, which may make it count as published.
export const GET = route({ auth: "curator", limit: "publication", params: paramsSchema, revalidates: [NETWORK_STATS_TAG] }, async ({ db, params }) =>
  answer(await publicationState(db, getPublicClient(), distributor(), params.epoch)),
);
