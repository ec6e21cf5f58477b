import type { ReactNode } from "react";
import { Card } from "@/components/ui";
import { CopyButton } from "./copy-button";
import { exactTokenAmount } from "../format";
import { formatDate } from "./format";

export type ChainRecordProps = {
  epoch: number;
  datasetRoot: string;
  rewardRoot: string;
  manifestHash: string;
  cid: string | null;
  totalCumulative: string;
  chainId: number;
  distributor: string | null;
  txHash: string | null;
  publishedAt: string | null;
  /** Block explorer base URL of the chain, when it has one. */
  explorerUrl: string | null;
};

/** What the distributor holds for this epoch — the values the verifier compares with the files. */
export function ChainRecord(p: ChainRecordProps) {
  return (
    <Card>
      <dl className="divide-y divide-stone-100">
        <Field label="Publication">
          {p.txHash ? (
            <div className="space-y-1">
              <Hash value={p.txHash} name="publication transaction hash" href={p.explorerUrl ? `${p.explorerUrl.replace(/\/$/, "")}/tx/${p.txHash}` : undefined} />
              <p className="text-xs text-stone-500">
                Chain {p.chainId}
                {p.publishedAt && (
                  <>
                    {" · confirmed "}
                    <time dateTime={p.publishedAt}>{formatDate(p.publishedAt)}</time>
                  </>
                )}
              </p>
            </div>
          ) : (
            <p className="text-sm text-amber-800" data-testid="awaiting-publication">
              Awaiting publication: a curator has not yet published epoch {p.epoch} on chain {p.chainId}. The files and roots below are final; until
              then the chain holds nothing to compare them with, and no rewards are claimable for this epoch.
            </p>
          )}
        </Field>
        <Field label="Dataset root" hint="Merkle root of [content_hash, contributor] over data.jsonl">
          <Hash value={p.datasetRoot} name="dataset root" />
        </Field>
        <Field label="Reward root" hint="Merkle root of [account, cumulative amount] over rewards.json">
          <Hash value={p.rewardRoot} name="reward root" />
        </Field>
        <Field label="Manifest hash" hint="sha256 of manifest.json">
          <Hash value={p.manifestHash} name="manifest hash" />
        </Field>
        {p.cid && (
          <Field label="Content address (CID)" hint="IPFS CID of the files, in manifest.json, so the manifest hash anchors it too">
            <Hash value={p.cid} name="CID" />
          </Field>
        )}
        <Field label="Total cumulative rewards" hint="Every account's rewards up to this epoch">
          <p className="text-sm">
            <span className="font-semibold tabular-nums" title={`${p.totalCumulative} wei`}>
              {exactTokenAmount(BigInt(p.totalCumulative))}
            </span>{" "}
            CMPL
          </p>
        </Field>
        {p.distributor && (
          <Field label="Distributor contract">
            <Hash value={p.distributor} name="distributor address" href={p.explorerUrl ? `${p.explorerUrl.replace(/\/$/, "")}/address/${p.distributor}` : undefined} />
          </Field>
        )}
      </dl>
    </Card>
  );
}

function Field({ label, hint, children }: { label: string; hint?: string; children: ReactNode }) {
  return (
    <div className="grid gap-1.5 py-4 first:pt-0 last:pb-0 md:grid-cols-[14rem_minmax(0,1fr)] md:gap-6">
      <dt>
        <span className="text-sm font-medium">{label}</span>
        {hint && <span className="block text-xs text-stone-500">{hint}</span>}
      </dt>
      <dd className="min-w-0">{children}</dd>
    </div>
  );
}

function Hash({ value, name, href }: { value: string; name: string; href?: string }) {
  const code = <code className="font-mono text-xs break-all text-stone-800 sm:text-[13px]">{value}</code>;
  return (
    <div className="flex items-start gap-2">
      {href ? (
        <a href={href} target="_blank" rel="noopener noreferrer" className="min-w-0 hover:underline">
          {code}
          <span className="sr-only"> (opens the block explorer in a new tab)</span>
        </a>
      ) : (
        <span className="min-w-0">{code}</span>
      )}
      <CopyButton value={value} label={`Copy the ${name}`} compact />
    </div>
  );
}
