import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { createPublicClient, getAddress, http, isAddress, type Address } from "viem";
import { readDeployment } from "../lib/chain/deployments";
import { checkLines, paint } from "../lib/cli/check-lines";
import { verifySnapshot, type VerifyResult } from "../lib/snapshots/verify";

/**
 * commonplace-verify <folder|url> [--rpc URL] [--distributor 0x…] [--epoch N] [--previous folder|url]
 *
 * Checks a snapshot's files against its manifest and re-derives everything derivable from them (signatures, the
 * consensus decisions, the reward amounts, the other formats, the CID and the CAR) and, with an RPC, compares the
 * roots with the distributor's record of the epoch and checks smart-account signatures. Exit 0 when every check passes, 1 on any
 * mismatch, 2 on a usage error.
 *
 *   RPC_URL          default for --rpc
 *   DISTRIBUTOR      default for --distributor; without either, contracts/deployments/{chainId}.json
 *   DEPLOYMENTS_DIR  where to look for {chainId}.json instead
 */
const USAGE = `usage: commonplace-verify <folder|url> [--rpc URL] [--distributor 0x…] [--epoch N] [--previous folder|url]

  <folder>   a snapshot folder (holding manifest.json), e.g. .data/snapshots/3,
             or the snapshots root with --epoch, e.g. .data/snapshots --epoch 3
  <url>      a base URL serving every file as {url}/{name},
             e.g. http://localhost:3000/api/datasets/3/files
  --rpc          JSON-RPC URL of the chain (or RPC_URL); without it the chain is not checked
  --distributor  SnapshotDistributor address (or DISTRIBUTOR; default: contracts/deployments/{chainId}.json)
  --epoch        the epoch to check on-chain (default: the manifest's)
  --previous     the previous epoch's snapshot, whose cumulative rewards this one adds to
                 (default: the neighbouring folder or URL, e.g. …/datasets/2/files for epoch 3)

Exit status: 0 all checks pass, 1 a check failed, 2 usage error.`;

class UsageError extends Error {}

type Args = { source: string; rpcUrl?: string; distributor?: Address; epoch?: number; previous?: string };

function parse(argv: string[], env: NodeJS.ProcessEnv): Args | "help" {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        rpc: { type: "string" },
        distributor: { type: "string" },
        epoch: { type: "string" },
        previous: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) return "help";
  if (positionals.length !== 1) {
    throw new UsageError(positionals.length === 0 ? "give a snapshot folder or URL" : `one snapshot at a time, got ${positionals.length}`);
  }
  const source = positionals[0]!;
  checkSource(source);
  if (values.previous !== undefined) checkSource(values.previous);
  const rpcUrl = values.rpc ?? (env.RPC_URL || undefined);
  if (rpcUrl !== undefined && !(/^(https?|wss?):\/\//i.test(rpcUrl) && URL.canParse(rpcUrl))) {
    throw new UsageError(`--rpc is not an http(s) or ws(s) URL: ${rpcUrl}`);
  }
  const distributorText = values.distributor ?? (rpcUrl ? env.DISTRIBUTOR || undefined : undefined);
  if (values.distributor !== undefined && rpcUrl === undefined) throw new UsageError("--distributor needs --rpc (or RPC_URL)");
  if (distributorText !== undefined && !isAddress(distributorText, { strict: false })) {
    throw new UsageError(`not an address: ${distributorText}`);
  }
  let epoch: number | undefined;
  if (values.epoch !== undefined) {
    epoch = Number(values.epoch);
    if (!/^[1-9][0-9]*$/.test(values.epoch) || !Number.isSafeInteger(epoch)) throw new UsageError(`--epoch must be a positive integer, got ${values.epoch}`);
  }
  return { source, rpcUrl, distributor: distributorText ? getAddress(distributorText) : undefined, epoch, previous: values.previous };
}

function checkSource(source: string): void {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(source)) {
    if (!/^https?:\/\//i.test(source) || !URL.canParse(source)) throw new UsageError(`not an http(s) URL: ${source}`);
  } else if (!existsSync(source)) {
    throw new UsageError(`no such folder: ${source}`);
  }
}

/** The distributor recorded for the RPC's chain, when none was given. Leaves the error to the verifier's chain check. */
async function deployedDistributor(rpcUrl: string, env: NodeJS.ProcessEnv): Promise<{ address: Address; from: string } | undefined> {
  let chainId: number;
  try {
    chainId = await createPublicClient({ transport: http(rpcUrl, { retryCount: 0 }) }).getChainId();
  } catch {
    return undefined;
  }
  const dir = env.DEPLOYMENTS_DIR || undefined;
  const deployment = readDeployment(chainId, dir);
  return deployment ? { address: deployment.distributor, from: `${dir ?? "contracts/deployments"}/${chainId}.json` } : undefined;
}


function report(args: Args, result: VerifyResult, notes: string[]): string {
  const lines = [`Verifying ${args.source}`, ...notes.map((n) => `  · ${n}`), ...checkLines(result.checks)];
  const failed = result.checks.filter((c) => !c.ok);
  lines.push(
    failed.length === 0
      ? paint(32, `OK: all ${result.checks.length} checks passed${args.rpcUrl ? "" : " (the chain was not checked: give --rpc)"}`)
      : paint(31, `FAILED: ${failed.length} of ${result.checks.length} checks (${failed.map((c) => c.name).join(", ")})`),
  );
  return lines.join("\n") + "\n";
}

async function main(): Promise<number> {
  let args: Args;
  try {
    const parsed = parse(process.argv.slice(2), process.env);
    if (parsed === "help") {
      process.stdout.write(USAGE + "\n");
      return 0;
    }
    args = parsed;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`commonplace-verify: ${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  const notes: string[] = [];
  if (args.rpcUrl && !args.distributor) {
    const found = await deployedDistributor(args.rpcUrl, process.env);
    if (found) {
      args.distributor = found.address;
      notes.push(`distributor ${found.address} from ${found.from}`);
    }
  }
  const result = await verifySnapshot({ source: args.source, rpcUrl: args.rpcUrl, distributor: args.distributor, epoch: args.epoch, previous: args.previous });
  process.stdout.write(report(args, result, notes));
  return result.ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`commonplace-verify: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
