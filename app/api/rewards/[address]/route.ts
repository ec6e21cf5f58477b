import { NextResponse } from "next/server";
import { getAddress, isAddress, type Address } from "viem";
import { z } from "zod";
import { snapshotDistributorAbi } from "@/lib/chain/abi";
import { currentDeployment } from "@/lib/chain/current";
import { getPublicClient } from "@/lib/chain/public-client";
import { ApiError } from "@/lib/http/api-error";
import { route } from "@/lib/http/route";
import { accountRewards } from "@/lib/rewards/account-rewards";

const paramsSchema = z.object({ address: z.string() });

export const GET = route({ auth: "public", limit: "reads", params: paramsSchema }, async ({ db, params }) => {
  if (!isAddress(params.address, { strict: false })) throw new ApiError(400, "invalid_address", "Give a 0x address.", "address");
  const deployment = currentDeployment();
  const readClaimed = async (account: Address) =>
    deployment ? getPublicClient().readContract({ address: deployment.distributor, abi: snapshotDistributorAbi, functionName: "claimed", args: [account] }) : null;
  const rewards = await accountRewards(db, getAddress(params.address), readClaimed);
  return NextResponse.json(rewards, { headers: { "cache-control": "no-store" } });
});
