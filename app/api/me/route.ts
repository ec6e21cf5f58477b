import { NextResponse } from "next/server";
import { z } from "zod";
import { profileOf } from "@/lib/accounts/profile";
import { currentStakeReader } from "@/lib/chain/current";
import { route } from "@/lib/http/route";

/** The signed-in account: roles, reputation, stake and slashes. `?fresh=1` reads the stake from the chain now (after a staking transaction). */
const querySchema = z.object({ fresh: z.literal("1").optional() });

export const GET = route({ auth: "session", limit: "session", query: querySchema }, async ({ db, session, query }) =>
  NextResponse.json(await profileOf(db, session, currentStakeReader(), { fresh: query.fresh === "1" }), { headers: { "cache-control": "no-store" } }),
);
