"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import type { Hex } from "viem";
import { useConnection, useWriteContract } from "wagmi";
import { snapshotDistributorAbi } from "@/lib/chain/abi";
import type { DatasetSummary } from "@/lib/snapshots/catalog";
import type { ExportJobView } from "@/lib/snapshots/export-jobs";
import { formatTokenAmount } from "../format";
import { errorMessage, sendJson } from "../api-client";
import { Badge, Card, buttonClass } from "../ui";
import { useAppSettings } from "../wallet/app-settings";

type JobAnswer = { job: ExportJobView };

const POLL_MS = 700;

/** Follows an export job on the server until it is done or failed; the page shows each step. */
function useExportJob(initial: ExportJobView | null) {
  const router = useRouter();
  const [job, setJob] = useState<ExportJobView | null>(initial);
  const [error, setError] = useState<string | null>(null);
  const epoch = job && (job.state === "queued" || job.state === "running") ? job.epoch : null;

  useEffect(() => {
    if (epoch === null) return;
    let cancelled = false;
    const follow = async () => {
      while (!cancelled) {
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
        const res = await fetch(`/api/snapshots/${epoch}/export`, { cache: "no-store" }).catch(() => null);
        if (cancelled) return;
        // A dropped poll is retried; the export goes on on the server either way.
        if (!res?.ok) continue;
        const { job: next } = (await res.json()) as JobAnswer;
        setJob(next);
        if (next.state === "done" || next.state === "failed") {
          if (next.state === "failed") setError(`The export of epoch ${next.epoch} failed after ${next.attempts} attempts (${next.error ?? "no detail"}); nothing was kept, create the snapshot again.`);
          router.refresh();
          return;
        }
      }
    };
    void follow();
    return () => {
      cancelled = true;
    };
  }, [epoch, router]);

  const start = async () => {
    setError(null);
    const res = await sendJson("/api/snapshots");
    if (!res.ok) return setError(await errorMessage(res));
    setJob(((await res.json()) as JobAnswer).job);
  };
  return { job: epoch === null ? null : job, error, start };
}

export function SnapshotPanel({ snapshots, exportJob }: { snapshots: DatasetSummary[]; exportJob: ExportJobView | null }) {
  const { job, error, start } = useExportJob(exportJob);
  const pending = snapshots.find((s) => s.status !== "published");
  const progress = job?.progress;
  const filesTotal = progress?.filesTotal ?? 1;

  return (
    <Card className="space-y-5">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h3 className="text-sm font-semibold">Snapshots</h3>
          <p className="mt-1 text-sm text-stone-600">Freeze every accepted item into the next epoch&apos;s dataset, then publish its roots from your wallet.</p>
        </div>
        <button type="button" onClick={start} disabled={!!job || !!pending} className={buttonClass.primary} title={pending ? `Publish epoch ${pending.epoch} first` : undefined}>
          {job ? `Exporting epoch ${job.epoch}…` : "Create snapshot"}
        </button>
      </div>
      {pending && !job && <p className="text-sm text-amber-800">Epoch {pending.epoch} is exported and awaits publication: publish it before the next snapshot.</p>}
      {job && (
        <div role="progressbar" aria-label={`Export of epoch ${job.epoch}`} aria-valuemin={0} aria-valuemax={filesTotal} aria-valuenow={progress?.filesDone ?? 0}>
          <div className="h-2 overflow-hidden rounded-full bg-stone-100">
            <div className="h-2 rounded-full bg-brand-500 transition-all" style={{ width: `${Math.max(4, ((progress?.filesDone ?? 0) / filesTotal) * 100)}%` }} />
          </div>
          <p className="mt-2 text-xs text-stone-600 tabular-nums" aria-live="polite">
            {job.state === "queued" || !progress
              ? "Queued: a worker starts the export in a moment."
              : `Writing ${progress.file} · ${progress.rows.toLocaleString("en-US")} rows · ${progress.filesDone}/${filesTotal} files`}
            {job.attempts > 1 && ` · attempt ${job.attempts} (the previous one was interrupted)`}
          </p>
        </div>
      )}
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
      {snapshots.length === 0 ? (
        <p className="text-sm text-stone-600">No snapshot yet.</p>
      ) : (
        <ul className="divide-y divide-stone-100">
          {snapshots.map((s) => (
            <SnapshotRow key={s.epoch} snapshot={s} />
          ))}
        </ul>
      )}
    </Card>
  );
}

function SnapshotRow({ snapshot }: { snapshot: DatasetSummary }) {
  return (
    <li className="flex flex-wrap items-center gap-3 py-3 text-sm" data-testid={`snapshot-${snapshot.epoch}`}>
      <span className="font-semibold">Epoch {snapshot.epoch}</span>
      <Badge tone={snapshot.status === "published" ? "accepted" : "pending"}>{snapshot.status === "published" ? "published" : "awaiting publication"}</Badge>
      <span className="text-stone-600">
        {snapshot.itemCount.toLocaleString("en-US")} items · {formatTokenAmount(BigInt(snapshot.totalCumulative))} tokens cumulative
      </span>
      <a href={`/datasets/${snapshot.epoch}`} className="text-brand-700 hover:underline">
        Inspect
      </a>
      <span className="ml-auto">{snapshot.status === "published" ? <TxLink hash={snapshot.txHash} /> : <PublishButton snapshot={snapshot} />}</span>
    </li>
  );
}

function TxLink({ hash }: { hash: string | null }) {
  return hash ? <span className="font-mono text-xs text-stone-500" title={hash}>{`tx ${hash.slice(0, 10)}…`}</span> : null;
}

type PublicationAnswer = { state: "confirmed" } | { state: "pending" } | { state: "none"; error: { message: string } | null };

/** Polls the server's view of a reported publication until the chain has settled it; throws the refusal. */
async function untilSettled(epoch: number): Promise<void> {
  for (;;) {
    const res = await fetch(`/api/snapshots/${epoch}/publication`, { cache: "no-store" });
    if (!res.ok) throw new Error(await errorMessage(res));
    const answer = (await res.json()) as PublicationAnswer;
    if (answer.state === "confirmed") return;
    if (answer.state === "none") throw new Error(answer.error?.message ?? "The publication was not confirmed.");
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  }
}

/** The curator's own wallet publishes; the server only confirms from the chain's logs. */
function PublishButton({ snapshot }: { snapshot: DatasetSummary }) {
  const router = useRouter();
  const { deployment } = useAppSettings();
  const { address } = useConnection();
  const { mutateAsync: writeContract } = useWriteContract();
  const [state, setState] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const publish = async () => {
    if (!deployment) return;
    setError(null);
    try {
      setState("Confirm in your wallet…");
      const hash = await writeContract({
        address: deployment.distributor,
        abi: snapshotDistributorAbi,
        functionName: "publish",
        args: [BigInt(snapshot.epoch), snapshot.datasetRoot as Hex, snapshot.rewardRoot as Hex, snapshot.manifestHash as Hex, BigInt(snapshot.totalCumulative)],
      });
      // Reported at once, so the server knows the transaction even if this page closes; it confirms from the chain.
      setState("Confirming on chain…");
      const res = await sendJson(`/api/snapshots/${snapshot.epoch}/publication`, { txHash: hash });
      if (!res.ok) throw new Error(await errorMessage(res));
      if (res.status === 202) await untilSettled(snapshot.epoch);
      router.refresh();
    } catch (e) {
      setError(e instanceof Error ? e.message.split("\n")[0] ?? "Publishing failed." : "Publishing failed.");
    } finally {
      setState(null);
    }
  };

  const following = !!snapshot.pendingTxHash && !error;
  // A transaction reported earlier (this page was closed, or another tab) is still being settled: follow it.
  useEffect(() => {
    if (!snapshot.pendingTxHash) return;
    let live = true;
    untilSettled(snapshot.epoch)
      .then(() => live && router.refresh())
      .catch((e: unknown) => live && setError(e instanceof Error ? e.message : "Publishing failed."));
    return () => {
      live = false;
    };
  }, [snapshot.epoch, snapshot.pendingTxHash, router]);

  return (
    <span className="flex flex-col items-end gap-1">
      <button type="button" onClick={publish} disabled={!!state || following || !address || !deployment} className={buttonClass.primary}>
        {state ?? (following ? "Confirming on chain…" : `Publish epoch ${snapshot.epoch}`)}
      </button>
      {!address && <span className="text-xs text-stone-500">Connect the curator wallet to publish.</span>}
      {(error ?? snapshot.publicationError?.message) && (
        <span role="alert" className="max-w-xs text-right text-xs text-red-700">
          {error ?? snapshot.publicationError?.message}
        </span>
      )}
    </span>
  );
}
