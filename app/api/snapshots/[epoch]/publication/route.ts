import { NextResponse } from "next/server";
import type { Hash } from "viem";
import { z } from "zod";
import { requireSession } from "@/lib/auth/request-session";
import { currentDeployment } from "@/lib/chain/current";
import { getPublicClient } from "@/lib/chain/public-client";
import { requireCurator } from "@/lib/curation/eligibility";
import { getDb } from "@/lib/db/client";
import { ApiError, notFound } from "@/lib/http/api-error";
import { readJson } from "@/lib/http/read-json";
import { route } from "@/lib/http/route";
import { log } from "@/lib/log";
import { summarize } from "@/lib/snapshots/catalog";
import { confirmPublication } from "@/lib/snapshots/publication";

const bodySchema = z.object({ txHash: z.string().regex(/^0x[0-9a-fA-F]{64}$/, "txHash is a 32-byte 0x hash.") });

export const POST = route(async (request, { params }: { params: Promise<{ epoch: string }> }) => {
  const { epoch } = await params;
  if (!/^[1-9]\d{0,8}$/.test(epoch)) throw notFound(`No snapshot for epoch ${epoch}.`);
  const db = await getDb();
  const session = await requireSession(db, request);
  await requireCurator(db, session.address);
  const { txHash } = await readJson(request, bodySchema, 1024);
  const deployment = currentDeployment();
  if (!deployment) throw new ApiError(409, "no_contracts", "No distributor is deployed on this chain.");
  const snapshot = await confirmPublication(db, getPublicClient(), deployment.distributor, Number(epoch), txHash as Hash);
  log.info("snapshot_published", { epoch: Number(epoch), txHash });
  return NextResponse.json(snapshot ? summarize(snapshot) : null);
});
