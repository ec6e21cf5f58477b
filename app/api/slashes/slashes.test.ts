import { createHash } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count, eq } from "drizzle-orm";
import { createWalletClient, http, parseEther, publicActions, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { foundry } from "viem/chains";
import { commonplaceTokenAbi, validatorStakingAbi } from "@/lib/chain/abi";
import { startAnvil, type AnvilInstance } from "@/lib/chain/anvil";
import { anvilKey } from "@/lib/chain/anvil-accounts";
import { deployContracts, seedLocalValidators } from "@/lib/chain/deploy";
import { writeDeployment, type Deployment } from "@/lib/chain/deployments";
import { addGoldItem } from "@/lib/curation/admin";
import { useDatabase, type DbHandle } from "@/lib/db/client";
import { accounts, slashes, submissions, votes } from "@/lib/db/schema";
import { createTestDb } from "@/lib/db/test-db";
import { relaxedRateLimits } from "@/lib/testing/rate-limits";
import { errorOf, getRequest, jsonRequest, sessionCookie } from "@/lib/testing/requests";
import { signedVote } from "@/lib/testing/votes";
import { voteAs } from "@/lib/testing/cast-votes";
import { GET as meRoute } from "../me/route";
import { GET as failingRoute } from "../validators/failing/route";
import { GET as validatorMeRoute } from "../validators/me/route";
import { POST as voteRoute } from "../votes/route";
import { GET as evidenceFileRoute } from "./evidence/[hash]/route";
import { POST as evidenceRoute } from "./evidence/route";
import { POST as slashRoute } from "./route";

const curator = privateKeyToAccount(anvilKey(0));
const validator = privateKeyToAccount(anvilKey(1));
const author = "0x" + "a3".repeat(20);
let anvil: AnvilInstance;
let deployment: Deployment;
let handle: DbHandle;
let dir: string;
let curatorCookie = "";
let validatorCookie = "";
const gold: string[] = [];

const chain = () => createWalletClient({ account: curator, chain: { ...foundry, rpcUrls: { default: { http: [anvil.rpcUrl] } } }, transport: http(anvil.rpcUrl) }).extend(publicActions);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "slashes-"));
  anvil = await startAnvil();
  deployment = await deployContracts({ rpcUrl: anvil.rpcUrl, deployerKey: anvilKey(0) });
  await seedLocalValidators({ rpcUrl: anvil.rpcUrl, deployment, funderKey: anvilKey(0), validatorKeys: [anvilKey(1)] });
  writeDeployment(31337, deployment, join(dir, "deployments"));
  Object.assign(process.env, relaxedRateLimits(), { LOG_LEVEL: "silent", RPC_URL: anvil.rpcUrl, DEPLOYMENTS_DIR: join(dir, "deployments") });
  handle = await createTestDb();
  useDatabase(handle);
  await handle.db.insert(accounts).values([{ address: curator.address.toLowerCase(), roles: ["curator"] }, { address: validator.address.toLowerCase() }, { address: author }]);
  curatorCookie = await sessionCookie(handle.db, curator.address);
  validatorCookie = await sessionCookie(handle.db, validator.address);
  // The validator (staked, not granted) answers three gold items, all wrong.
  for (let i = 0; i < 3; i++) {
    const { id } = await addGoldItem(handle.db, curator.address, { content: `Buy followers now, limited offer number ${i}!!! Real accounts, instant delivery, no password needed`, tags: ["social"], answer: "reject" });
    gold.push(id);
    await voteAs(handle.db, validator, id, "accept", 5);
  }
});
afterAll(async () => {
  await handle.close();
  await anvil.stop();
  await rm(dir, { recursive: true, force: true });
});

describe("slashing from gold evidence", () => {
  it("lists the validator failing its gold answers, publishes the evidence, records the slash from the chain and closes its queue", async () => {
    const failing = (await (await failingRoute(getRequest("/api/validators/failing", curatorCookie))).json()) as { validators: { validator: string; answers: number; correct: number }[] };
    expect(failing.validators).toEqual([expect.objectContaining({ validator: validator.address.toLowerCase(), answers: 3, correct: 0 })]);

    const published = await evidenceRoute(jsonRequest("/api/slashes/evidence", { validator: validator.address }, curatorCookie));
    expect(published.status).toBe(201);
    const { hash, document } = (await published.json()) as { hash: Hex; document: { gold: { known_answer: string; vote: { verdict: string; signature: string } }[] } };
    expect(document.gold).toHaveLength(3);
    expect(document.gold.every((g) => g.known_answer === "reject" && g.vote.verdict === "accept" && g.vote.signature.length === 132)).toBe(true);
    const served = await evidenceFileRoute(getRequest(`/api/slashes/evidence/${hash}`), { params: Promise.resolve({ hash }) });
    expect(`0x${createHash("sha256").update(Buffer.from(await served.arrayBuffer())).digest("hex")}`).toBe(hash);

    const client = chain();
    const amount = parseEther("100");
    const tx = await client.writeContract({ address: deployment.staking, abi: validatorStakingAbi, functionName: "slash", args: [validator.address, amount, hash, "Voted against 3 of 3 known answers"] });
    await client.waitForTransactionReceipt({ hash: tx });
    const recorded = await slashRoute(jsonRequest("/api/slashes", { txHash: tx }, curatorCookie));
    expect(recorded.status).toBe(201);
    expect(((await recorded.json()) as { slashes: unknown[] }).slashes).toEqual([
      { validator: validator.address.toLowerCase(), amount: amount.toString(), evidenceHash: hash, reason: "Voted against 3 of 3 known answers", txHash: tx },
    ]);
    // Reporting it again records nothing twice.
    expect((await slashRoute(jsonRequest("/api/slashes", { txHash: tx }, curatorCookie))).status).toBe(201);
    expect((await handle.db.select({ n: count() }).from(slashes))[0]?.n).toBe(1);

    const me = (await (await meRoute(getRequest("/api/me", validatorCookie))).json()) as { roles: { validator: boolean }; stake: { active: string; minStake: string }; slashes: { reason: string; evidenceHash: string }[] };
    expect(me.roles.validator).toBe(false);
    expect(BigInt(me.stake.active)).toBeLessThan(BigInt(me.stake.minStake));
    expect(me.slashes).toEqual([expect.objectContaining({ reason: "Voted against 3 of 3 known answers", evidenceHash: hash })]);
    const mine = (await (await validatorMeRoute(getRequest("/api/validators/me", validatorCookie))).json()) as { votes: number; stake: { active: string; pending: string; unlockAt: string | null }; slashes: unknown[] };
    expect(mine).toMatchObject({ votes: 3, stake: { active: me.stake.active, pending: "0", unlockAt: null } });
    expect(mine.slashes).toHaveLength(1);

    // Further votes are refused; the votes cast before stay as they were; the revealed gold items leave every queue.
    const [item] = await handle.db.insert(submissions).values({ contributor: author, content: "A regular item", tags: ["t"], license: "CC0-1.0", contentHash: `0x${"77".repeat(32)}`, normalizedHash: "n-slash", minhash: new Uint8Array(0), lshBands: [], signature: "0x", issuedAt: new Date() }).returning();
    const refused = await voteRoute(jsonRequest("/api/votes", await signedVote(handle.db, validator, item?.id ?? "", "accept"), validatorCookie));
    expect(refused.status).toBe(403);
    expect((await errorOf(refused)).code).toBe("not_validator");
    expect((await handle.db.select({ n: count() }).from(votes).where(eq(votes.validator, validator.address.toLowerCase())))[0]?.n).toBe(3);
    const retired = await handle.db.select({ retired: submissions.goldRetiredAt }).from(submissions).where(eq(submissions.goldVerdict, "reject"));
    expect(retired.every((r) => r.retired !== null)).toBe(true);
  });

  it("refuses a transaction that slashed nobody, one not on the chain, and non-curators, recording nothing", async () => {
    const client = chain();
    const transfer = await client.writeContract({ address: deployment.token, abi: commonplaceTokenAbi, functionName: "transfer", args: [validator.address, 1n] });
    await client.waitForTransactionReceipt({ hash: transfer });
    const before = (await handle.db.select({ n: count() }).from(slashes))[0]?.n;
    const cases: [string, string, number, string][] = [
      [transfer, curatorCookie, 400, "no_slash"],
      [`0x${"ab".repeat(32)}`, curatorCookie, 400, "tx_not_found"],
      [transfer, validatorCookie, 403, "not_curator"],
    ];
    for (const [txHash, cookie, status, code] of cases) {
      const res = await slashRoute(jsonRequest("/api/slashes", { txHash }, cookie));
      expect(res.status, code).toBe(status);
      expect((await errorOf(res)).code).toBe(code);
    }
    expect((await evidenceRoute(jsonRequest("/api/slashes/evidence", { validator: validator.address }, validatorCookie))).status).toBe(403);
    expect((await handle.db.select({ n: count() }).from(slashes))[0]?.n).toBe(before);
  });
});
