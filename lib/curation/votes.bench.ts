import { getAddress, recoverTypedDataAddress, verifyTypedData, type Hex } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { postJson, signedInClients } from "../bench/app-client";
import { ensureBuild, freshDatabase, startAppServer } from "../bench/app-server";
import { answeredWith, boundTableRows, runLanes, type LoadResult } from "../bench/concurrent";
import type { BenchTable } from "../bench/table";
import { LOCAL_CHAIN_ID } from "../chain/config";
import type { Db } from "../db/client";
import { accounts, submissions, votes } from "../db/schema";
import { recoverAddressFast } from "../signing/fast-recover";
import { voteDigest } from "../signing/snapshot-digests";
import { submissionRow } from "../testing/fixtures";
import { relaxedRateLimits } from "../testing/rate-limits";
import { grantValidator } from "./admin";
import { REPUTATION_DEFAULTS } from "./reputation";
import { FAST_VOTING_SECONDS, signedVoteRequest, voteTypedData, votingKeyTypedData } from "./vote-typed-data";
import { registerVotingKey } from "./voting-keys";

const VALIDATORS = 50;
const PER_VALIDATOR = 40;
const QUORUM = 3;
const PROCESS_COUNTS = [1, 2];

type Lane = { validator: string; key: string; cookie: string; bodies: string[] };
type VoteBody = { submissionId: string; verdict: "accept" | "reject"; quality: number; flags: string[]; issuedAt: number; signature: string };

/**
 * Signed votes through the real HTTP API at 50 concurrent validators, each signing with its voting key as /validate
 * does; every item gets exactly a quorum of votes from three lanes, so the run records decisions too. Beside it, the
 * bound: recover each vote's signer and INSERT the vote row, 50 loops, in the same run.
 */
export default async function bench(): Promise<BenchTable[]> {
  const serverUrl = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  ensureBuild();
  const runs: { label: string; result: LoadResult }[] = [];
  for (const processes of PROCESS_COUNTS) {
    const { url, handle } = await freshDatabase(serverUrl, `commonplace_bench_votes_${processes}`);
    const lanes = await prepare(handle.db);
    await handle.close();
    const server = await startAppServer({ DATABASE_URL: url, WEB_CONCURRENCY: String(processes), ...relaxedRateLimits(), LOG_LEVEL: "silent" });
    try {
      const post = (body: string, lane: number) => answeredWith(postJson(server.url, "/api/votes", lanes[lane]?.cookie ?? "", body), 201);
      runs.push({ label: `POST /api/votes, ${processes} app process${processes > 1 ? "es" : ""}`, result: await runLanes(lanes.map((l) => l.bodies), post) });
    } finally {
      await server.stop();
    }
  }
  const native = await bareLoop(serverUrl, "native");
  const viem = await bareLoop(serverUrl, "viem");
  const rows = boundTableRows(runs, native, viem);
  return [
    {
      title: `Signed votes through the HTTP API (npm start + Postgres), ${VALIDATORS} concurrent validators with voting keys`,
      rows,
      notes: [
        "Each API request: same-origin check, session, rate-limit upsert, validator check, the item's content hash, voting-key lookup, EIP-712 recovery, then one transaction that locks the item, stores the vote and, on the third vote, records the decision and moves reputations.",
        "The bounds recover the signer of the same signed votes and INSERT the vote rows, 50 loops in the bench's own process.",
      ],
    },
  ];
}

/** Validators with sessions and registered voting keys, items from one author, and each lane's signed votes. */
async function prepare(db: Db): Promise<Lane[]> {
  const clients = await signedInClients(db, VALIDATORS);
  const author = privateKeyToAccount(generatePrivateKey()).address.toLowerCase();
  await db.insert(accounts).values({ address: author });
  const itemCount = (VALIDATORS * PER_VALIDATOR) / QUORUM;
  const items: { id: string; contentHash: string }[] = [];
  for (let from = 0; from < itemCount; from += 500)
    items.push(
      ...(await db
        .insert(submissions)
        .values(Array.from({ length: Math.min(500, itemCount - from) }, (_, i) => submissionRow(from + i, author)))
        .returning({ id: submissions.id, contentHash: submissions.contentHash })),
    );
  const issuedAt = Math.floor(Date.now() / 1000);
  return Promise.all(
    clients.map(async ({ account, cookie }, v) => {
      await grantValidator(db, account.address);
      const key = privateKeyToAccount(generatePrivateKey());
      const expiresAt = issuedAt + FAST_VOTING_SECONDS;
      const signature = await account.signTypedData(votingKeyTypedData({ validator: account.address, key: key.address, expiresAt }, LOCAL_CHAIN_ID));
      await registerVotingKey(db, account.address, { key: key.address, expiresAt, signature }, LOCAL_CHAIN_ID, ({ address, typedData, signature }) => verifyTypedData({ ...typedData, address, signature }));
      const bodies: string[] = [];
      // Item k is voted by lanes k, k+1 and k+2 (mod 50): lane v votes the items k ≡ v, v−1, v−2.
      for (let k = 0; k < items.length; k++) {
        if (![0, 1, 2].some((d) => (k + d) % VALIDATORS === v)) continue;
        const item = items[k];
        if (!item) continue;
        const vote = { submissionId: item.id, contentHash: item.contentHash as Hex, verdict: "accept" as const, quality: 4, flags: [] };
        bodies.push(JSON.stringify(await signedVoteRequest(key, vote, LOCAL_CHAIN_ID, { validator: account.address, issuedAt })));
      }
      return { validator: account.address.toLowerCase(), key: key.address.toLowerCase(), cookie, bodies };
    }),
  );
}

/** The same signed votes, recovered (against the item's content hash) and inserted as rows by 50 loops. */
async function bareLoop(serverUrl: string, recovery: "native" | "viem"): Promise<LoadResult> {
  const { handle } = await freshDatabase(serverUrl, `commonplace_bench_votes_bound_${recovery}`);
  try {
    const lanes = await prepare(handle.db);
    const hashes = new Map((await handle.db.select({ id: submissions.id, contentHash: submissions.contentHash }).from(submissions)).map((r) => [r.id, r.contentHash]));
    const jobs = lanes.map((lane) => lane.bodies.map((b) => ({ lane, body: JSON.parse(b) as VoteBody })));
    return await runLanes(jobs, async ({ lane, body }) => {
      const fields = { validator: lane.validator, content_hash: hashes.get(body.submissionId) ?? "", verdict: body.verdict, quality: body.quality, flags: body.flags, issued_at: body.issuedAt };
      const signer =
        recovery === "native"
          ? recoverAddressFast(voteDigest(fields, LOCAL_CHAIN_ID), body.signature)
          : (
              await recoverTypedDataAddress({
                ...voteTypedData({ validator: getAddress(lane.validator), contentHash: fields.content_hash as Hex, verdict: body.verdict, quality: body.quality, flags: body.flags, issuedAt: body.issuedAt }, LOCAL_CHAIN_ID),
                signature: body.signature as Hex,
              })
            ).toLowerCase();
      if (signer !== lane.key) return false;
      await handle.db.insert(votes).values({
        submissionId: body.submissionId,
        validator: lane.validator,
        verdict: body.verdict,
        quality: body.quality,
        flags: body.flags,
        reputation: REPUTATION_DEFAULTS.initial,
        weight: 1,
        issuedAt: new Date(body.issuedAt * 1000),
        signature: body.signature,
        signer: lane.key,
      });
      return true;
    });
  } finally {
    await handle.close();
  }
}
