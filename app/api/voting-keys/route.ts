import { NextResponse } from "next/server";
import { chainSettings } from "@/lib/chain/config";
import { verifyVotingKeyAnyAccount } from "@/lib/chain/signature-verifiers";
import { listVotingKeys, registerVotingKey, votingKeyRequestSchema } from "@/lib/curation/voting-keys";
import { route } from "@/lib/http/route";
import { log } from "@/lib/log";

/** Registers a key the validator's wallet delegated to sign its votes (EIP-712 VotingKey). */
export const POST = route({ auth: "validator", limit: "voting-keys", body: votingKeyRequestSchema, maxBytes: 20 * 1024 }, async ({ db, session, body }) => {
  const key = await registerVotingKey(db, session.address, body, chainSettings().chainId, verifyVotingKeyAnyAccount);
  log.info("voting_key_registered", { validator: session.address, key: key.key, expiresAt: key.expiresAt });
  return NextResponse.json(key, { status: 201 });
});

/** The caller's keys, newest first, with their status. */
export const GET = route({ auth: "session", limit: "session" }, async ({ db, session }) =>
  NextResponse.json({ keys: await listVotingKeys(db, session.address) }, { headers: { "cache-control": "no-store" } }),
);
