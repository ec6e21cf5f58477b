"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import type { Hex } from "viem";
import { useConnection, useWriteContract } from "wagmi";
import { snapshotDistributorAbi } from "@/lib/chain/abi";
import type { DatasetSummary } from "@/lib/snapshots/catalog";
import { MANIFEST_FILE, SNAPSHOT_FILES } from "@/lib/snapshots/files";
import { formatTokenAmount } from "../format";
import { errorMessage, sendJson } from "../api-client";
import { Badge, Card, buttonClass } from "../ui";
import { useAppSettings } from "../wallet/app-settings";

/** The export writes these in order; progress is how far along that list it is. */
const EXPORT_FILES = [...SNAPSHOT_FILES, MANIFEST_FILE];

type ExportEvent =
  | { type: "started"; epoch: number }
  | { type: "progress"; file: string; rows: number; done: boolean }
  | { type: "done"; snapshot: DatasetSummary }
  | { type: "error"; error: { message: string } };

export function SnapshotPanel({ snapshots }: { snapshots: DatasetSummary[] }) {
  const router = useRouter();
  const [progress, setProgress] = useState<{ epoch: number; file: string; rows: number; filesDone: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const pending = snapshots.find((s) => s.status !== "published");

  const create = async () => {
    setError(null);
    const res = await sendJson("/api/snapshots");
    if (!res.ok || !res.body) {
      const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
      setError(body?.error?.message ?? `The snapshot could not start (${res.status}).`);
      return;
    }
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "";
    let epoch = 0;
    const done = new Set<string>();
    for (;;) {
      const { value, done: end } = await reader.read();
      if (end) break;
      buffer += value;
      const lines = buffer.split("\n");
      buffer = lines.pop() ?? "";
      for (const line of lines.filter(Boolean)) {
        const event = JSON.parse(line) as ExportEvent;
        if (event.type === "started") {
          epoch = event.epoch;
          setProgress({ epoch, file: EXPORT_FILES[0] ?? "", rows: 0, filesDone: 0 });
        } else if (event.type === "progress") {
          if (event.done) done.add(event.file);
          setProgress({ epoch, file: event.file, rows: event.rows, filesDone: done.size });
        } else if (event.type === "error") setError(event.error.message);
      }
    }
    setProgress(null);
    router.refresh();
  };

  return (
    <Card className="space-y-5">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h3 className="text-sm font-semibold">Snapshots</h3>
          <p className="mt-1 text-sm text-stone-600">Freeze every accepted item into the next epoch&apos;s dataset, then publish its roots from your wallet.</p>
        </div>
        <button type="button" onClick={create} disabled={!!progress || !!pending} className={buttonClass.primary} title={pending ? `Publish epoch ${pending.epoch} first` : undefined}>
          {progress ? `Exporting epoch ${progress.epoch}…` : "Create snapshot"}
        </button>
      </div>
      {pending && !progress && <p className="text-sm text-amber-800">Epoch {pending.epoch} is exported and awaits publication: publish it before the next snapshot.</p>}
      {progress && (
        <div role="progressbar" aria-label="Export progress" aria-valuemin={0} aria-valuemax={EXPORT_FILES.length} aria-valuenow={progress.filesDone}>
          <div className="h-2 overflow-hidden rounded-full bg-stone-100">
            <div className="h-2 rounded-full bg-brand-500 transition-all" style={{ width: `${Math.max(4, (progress.filesDone / EXPORT_FILES.length) * 100)}%` }} />
          </div>
          <p className="mt-2 text-xs text-stone-600 tabular-nums">
            Writing {progress.file} · {progress.rows.toLocaleString("en-US")} rows · {progress.filesDone}/{EXPORT_FILES.length} files
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
