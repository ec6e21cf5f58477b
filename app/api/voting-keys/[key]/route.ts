import { NextResponse } from "next/server";
import { z } from "zod";
import { revokeVotingKey } from "@/lib/curation/voting-keys";
import { route } from "@/lib/http/route";
import { log } from "@/lib/log";

const paramsSchema = z.object({ key: z.string().regex(/^0x[0-9a-fA-F]{40}$/) });

/** Revokes one of the caller's keys: votes it signs from now on are refused, earlier ones stand. */
export const DELETE = route({ auth: "session", limit: "voting-keys", params: paramsSchema }, async ({ db, session, params }) => {
  const key = await revokeVotingKey(db, session.address, params.key);
  log.info("voting_key_revoked", { validator: session.address, key: key.key });
  return NextResponse.json(key);
});
