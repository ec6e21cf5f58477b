import { NextResponse } from "next/server";
import { z } from "zod";
import { requireSession } from "@/lib/auth/request-session";
import { currentStakeCheck } from "@/lib/chain/current";
import { requireValidator } from "@/lib/curation/eligibility";
import { nextForValidator } from "@/lib/curation/queue";
import { getDb } from "@/lib/db/client";
import { ApiError } from "@/lib/http/api-error";
import { route } from "@/lib/http/route";

const querySchema = z.object({ limit: z.coerce.number().int().min(1).max(50).default(10) });

export const GET = route(async (request) => {
  const db = await getDb();
  const session = await requireSession(db, request);
  const validator = session.address;
  await requireValidator(db, validator, currentStakeCheck());
  const query = querySchema.safeParse(Object.fromEntries(request.nextUrl.searchParams));
  if (!query.success) throw new ApiError(400, "invalid_input", "limit is a whole number from 1 to 50.", "limit");
  const items = await nextForValidator(db, validator, { limit: query.data.limit, goldRate: goldRate() });
  return NextResponse.json({ items }, { headers: { "cache-control": "no-store" } });
});

function goldRate(): number | undefined {
  const rate = Number(process.env.GOLD_RATE);
  return Number.isFinite(rate) && rate >= 0 && rate <= 0.5 ? rate : undefined;
}
