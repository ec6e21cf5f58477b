import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { getAddress, isAddress, type Address } from "viem";
import { readDeployment } from "../lib/chain/deployments";
import { checkLines, paint } from "../lib/cli/check-lines";
import { verifySnapshot, type DistributorPin, type VerifyResult } from "../lib/snapshots/verify";

/**
 * commonplace-verify <folder|url> [--rpc URL] [--distributor 0x…] [--epoch N] [--previous folder|url] [--json]
 *
 * Checks a snapshot's files against its manifest and re-derives everything derivable from them (signatures, the
 * consensus decisions, the reward amounts, the other formats, the CID and the CAR) and, with an RPC, compares the
 * roots with the distributor's record of the epoch and checks smart-account signatures. Exit 0 when every check passes, 1 on any
 * mismatch, 2 on a usage error.
 *
 *   RPC_URL          default for --rpc
 *   DISTRIBUTOR      default for --distributor
 *   DEPLOYMENTS_DIR  where {chainId}.json records the official contracts (default: this repository's contracts/deployments)
 */
const USAGE = `usage: commonplace-verify <folder|url> [--rpc URL] [--distributor 0x…] [--epoch N] [--previous folder|url] [--json]

  <url>      any URL the site shows for an epoch: its page https://host/datasets/3,
             https://host/api/datasets/3 (or latest), …/api/datasets/3/files, or one file's URL;
             or a base URL serving every file as {url}/{name}
  <folder>   a snapshot folder (holding manifest.json), e.g. .data/snapshots/3,
             or the snapshots root with --epoch, e.g. .data/snapshots --epoch 3
  --rpc          JSON-RPC URL of the manifest's chain (or RPC_URL); without it the chain is not checked
  --distributor  SnapshotDistributor address to check against (or DISTRIBUTOR); default: the one recorded in
                 contracts/deployments/{chainId}.json of this repository, else the one manifest.json names
  --epoch        the epoch to check on-chain (default: the manifest's)
  --previous     the previous epoch's snapshot, whose cumulative rewards this one adds to
                 (default: the neighbouring folder or URL, e.g. …/datasets/2/files for epoch 3)
  --json         print one JSON object: {source, location, epoch, chainId, chainChecked, ok, checks: [{name, ok, detail}]}

Exit status: 0 all checks pass, 1 a check failed, 2 usage error.`;

class UsageError extends Error {}

type Args = { source: string; rpcUrl?: string; distributor?: Address; epoch?: number; previous?: string; json: boolean };

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
        json: { type: "boolean" },
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
  return {
    source,
    rpcUrl,
    distributor: distributorText ? getAddress(distributorText) : undefined,
    epoch,
    previous: values.previous,
    json: values.json ?? false,
  };
}

function checkSource(source: string): void {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(source)) {
    if (!/^https?:\/\//i.test(source) || !URL.canParse(source)) throw new UsageError(`not an http(s) URL: ${source}`);
  } else if (!existsSync(source)) {
    throw new UsageError(`no such folder: ${source}`);
  }
}

/** The official distributor of a chain as this repository records it (the verifier ships with it), whatever the working directory. */
function recordedDistributor(env: NodeJS.ProcessEnv): (chainId: number) => DistributorPin | null {
  const dir = env.DEPLOYMENTS_DIR || join(dirname(fileURLToPath(import.meta.url)), "..", "contracts", "deployments");
  return (chainId) => {
    const deployment = readDeployment(chainId, dir);
    return deployment && { address: deployment.distributor, from: `recorded in ${join(dir, `${chainId}.json`)}` };
  };
}

function report(args: Args, result: VerifyResult): string {
  const lines = [`Verifying ${args.source}`, ...checkLines(result.checks)];
  const failed = result.checks.filter((c) => !c.ok);
  const chain = result.chainId === null ? "" : ` of chain ${result.chainId}`;
  lines.push(
    failed.length === 0
      ? paint(32, `OK: all ${result.checks.length} checks passed${args.rpcUrl ? "" : ` (the chain was not checked: give --rpc with an RPC${chain})`}`)
      : paint(31, `FAILED: ${failed.length} of ${result.checks.length} checks (${failed.map((c) => c.name).join(", ")})`),
  );
  return lines.join("\n") + "\n";
}

/** The result for scripts: stable keys, no colours. */
function reportJson(args: Args, result: VerifyResult): string {
  const { ok, epoch, chainId, location, checks } = result;
  return JSON.stringify({ source: args.source, location, epoch, chainId, chainChecked: args.rpcUrl !== undefined, ok, checks }, null, 2) + "\n";
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
  const result = await verifySnapshot({
    source: args.source,
    rpcUrl: args.rpcUrl,
    distributor: args.distributor,
    recordedDistributor: recordedDistributor(process.env),
    epoch: args.epoch,
    previous: args.previous,
  });
  process.stdout.write(args.json ? reportJson(args, result) : report(args, result));
  return result.ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`commonplace-verify: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
