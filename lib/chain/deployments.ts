import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { getAddress, isAddress, type Address } from "viem";
import { z } from "zod";

/**
 * Addresses of the three contracts on one chain, as recorded in contracts/deployments/{chainId}.json,
 * and the block of the first deployment transaction: event scans (claim history) start there, since
 * L2 RPCs refuse log queries over their whole history.
 */
export type Deployment = { token: Address; distributor: Address; staking: Address; startBlock?: number };

const address = z
  .string()
  .refine((value) => isAddress(value, { strict: false }), "not an address")
  .transform((value) => getAddress(value));

const deploymentSchema = z.object({ token: address, distributor: address, staking: address, startBlock: z.number().int().nonnegative().optional() });

/** Relative to the working directory: scripts, tests and the Next.js server all run from the repo root. */
export function deploymentPath(chainId: number, dir = join(process.cwd(), "contracts", "deployments")): string {
  if (!Number.isSafeInteger(chainId) || chainId <= 0) throw new Error(`invalid chain id: ${chainId}`);
  return join(dir, `${chainId}.json`);
}

/** The recorded deployment for `chainId`, or null when none was written. Throws on a malformed file. */
export function readDeployment(chainId: number, dir?: string): Deployment | null {
  const path = deploymentPath(chainId, dir);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  const parsed = deploymentSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`${path}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

export function writeDeployment(chainId: number, deployment: Deployment, dir?: string): string {
  const path = deploymentPath(chainId, dir);
  const { token, distributor, staking, startBlock } = deploymentSchema.parse(deployment);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify({ token, distributor, staking, ...(startBlock !== undefined ? { startBlock } : {}) }, null, 2) + "\n");
  return path;
}
