import { NextResponse } from "next/server";
import { z } from "zod";
import { nextForValidator } from "@/lib/curation/queue";
import { MAX_QUEUE_EXCLUDE } from "@/lib/curation/queue-order";
import { route } from "@/lib/http/route";

const querySchema = z.object({
  limit: z.coerce.number({ message: "limit is a whole number from 1 to 50." }).int().min(1).max(50).default(10),
  exclude: z
    .string()
    .default("")
    .transform((list) => list.split(",").filter(Boolean))
    .pipe(z.array(z.uuid({ message: "exclude lists item ids." }), { message: "exclude lists item ids." }).max(MAX_QUEUE_EXCLUDE, { message: `exclude lists at most ${MAX_QUEUE_EXCLUDE} item ids.` })),
});

export const GET = route({ auth: "validator", limit: "reads", query: querySchema }, async ({ db, session, query }) => {
  const items = await nextForValidator(db, session.address, { limit: query.limit, goldRate: goldRate(), exclude: query.exclude });
  return NextResponse.json({ items }, { headers: { "cache-control": "no-store" } });
});

function goldRate(): number | undefined {
  const rate = Number(process.env.GOLD_RATE);
  return Number.isFinite(rate) && rate >= 0 && rate <= 0.5 ? rate : undefined;
}
