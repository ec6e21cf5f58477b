"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { parseUnits, type Address, type Hex } from "viem";
import { usePublicClient, useReadContract, useWriteContract } from "wagmi";
import { validatorStakingAbi } from "@/lib/chain/abi";
import type { GoldRecord, SlashEvidenceDocument, SlashingSettings } from "@/lib/curation/slashing";
import { errorMessage, sendJson } from "../api-client";
import { formatTokenAmount, shortHex } from "../format";
import { Badge, Card, FieldError, buttonClass, inputClass } from "../ui";
import { useAppSettings } from "../wallet/app-settings";
import { TxRevertedError, txErrorMessage } from "../wallet/tx-errors";

const REVERTS = { AccessControlUnauthorizedAccount: "Your wallet does not hold SLASHER_ROLE on the staking contract: nothing was slashed." };

/** Validators failing their gold answers, with the evidence, and a slash sent from the curator's own wallet. */
export function SlashingPanel() {
  const failing = useQuery({
    queryKey: ["failing-validators"],
    queryFn: async () => {
      const res = await fetch("/api/validators/failing", { cache: "no-store" });
      if (!res.ok) throw new Error(await errorMessage(res));
      return (await res.json()) as { settings: SlashingSettings; validators: GoldRecord[] };
    },
  });
  if (failing.isPending) return <Card><p className="text-sm text-stone-500" aria-busy="true">Checking gold answers…</p></Card>;
  if (failing.isError)
    return (
      <Card>
        <p role="alert" className="text-sm text-red-700">
          {failing.error.message}
        </p>
      </Card>
    );
  const { settings, validators } = failing.data;
  return (
    <Card className="space-y-4">
      <p className="text-sm text-stone-600">
        Validators who got fewer than {Math.round(settings.threshold * 100)} % of at least {settings.minAnswers} gold answers right. Slashing publishes the
        evidence (each gold item, its known answer and the validator&apos;s signed vote) and retires those gold items from every queue.
      </p>
      {validators.length === 0 ? (
        <p className="text-sm text-stone-600">No validator is below the threshold.</p>
      ) : (
        <ul className="divide-y divide-stone-100">
          {validators.map((v) => (
            <FailingValidator key={v.validator} record={v} />
          ))}
        </ul>
      )}
    </Card>
  );
}

function FailingValidator({ record }: { record: GoldRecord }) {
  const [open, setOpen] = useState(false);
  return (
    <li className="py-3" data-testid={`failing-${record.validator}`}>
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <span className="font-mono text-xs" title={record.validator}>
          {shortHex(record.validator)}
        </span>
        <Badge tone="rejected">
          {record.correct} of {record.answers} gold answers right
        </Badge>
        {record.lastSlashedAt && <span className="text-xs text-stone-500">slashed before</span>}
        <button type="button" onClick={() => setOpen((o) => !o)} aria-expanded={open} className={`${buttonClass.secondary} ml-auto`}>
          {open ? "Close" : "Review evidence and slash"}
        </button>
      </div>
      {open && <EvidenceAndSlash record={record} />}
    </li>
  );
}

function EvidenceAndSlash({ record }: { record: GoldRecord }) {
  const { deployment } = useAppSettings();
  const client = usePublicClient();
  const queryClient = useQueryClient();
  const { mutateAsync: writeContract } = useWriteContract();
  const { data: minStake } = useReadContract({ address: deployment?.staking, abi: validatorStakingAbi, functionName: "minStake", query: { enabled: !!deployment } });
  const wrong = record.answers - record.correct;
  const [amountText, setAmountText] = useState<string | null>(null);
  const [reason, setReason] = useState(`Voted against ${wrong} of ${record.answers} known answers`);
  const [status, setStatus] = useState<string | null>(null);
  const evidence = useQuery({
    queryKey: ["slash-evidence", record.validator],
    queryFn: async () => {
      const res = await sendJson("/api/slashes/evidence", { validator: record.validator });
      if (!res.ok) throw new Error(await errorMessage(res));
      return (await res.json()) as { hash: Hex; document: SlashEvidenceDocument };
    },
    staleTime: Infinity,
  });
  const defaultAmount = minStake !== undefined ? formatTokenAmount(minStake / 10n, 18).replaceAll(",", "") : "";
  const amountValue = amountText ?? defaultAmount;
  const amount = /^\d+(\.\d{1,18})?$/.test(amountValue) ? parseUnits(amountValue, 18) : null;

  const slash = useMutation({
    mutationFn: async () => {
      if (!deployment || !client || !evidence.data) throw new Error("The evidence is not ready.");
      if (amount === null || amount <= 0n) throw new Error("Enter an amount above zero.");
      setStatus("Confirm in your wallet…");
      const hash = await writeContract({
        address: deployment.staking,
        abi: validatorStakingAbi,
        functionName: "slash",
        args: [record.validator as Address, amount, evidence.data.hash, reason.trim()],
      });
      setStatus("Waiting for the transaction…");
      const receipt = await client.waitForTransactionReceipt({ hash });
      if (receipt.status !== "success") throw new TxRevertedError(hash);
      setStatus("Recording the slash from the chain…");
      const res = await sendJson("/api/slashes", { txHash: hash });
      if (!res.ok) throw new Error(await errorMessage(res));
    },
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ["failing-validators"] }),
    onSettled: () => setStatus(null),
  });

  if (evidence.isPending) return <p className="mt-3 text-sm text-stone-500">Building the evidence…</p>;
  if (evidence.isError)
    return (
      <p role="alert" className="mt-3 text-sm text-red-700">
        {evidence.error.message}
      </p>
    );
  const { hash, document } = evidence.data;
  return (
    <div className="mt-4 space-y-4 rounded-xl border border-stone-200 p-4">
      <div>
        <h4 className="text-sm font-semibold">Evidence</h4>
        <p className="mt-1 text-xs text-stone-500">
          sha256 <span className="font-mono break-all">{hash}</span> ·{" "}
          <a href={`/api/slashes/evidence/${hash}`} target="_blank" rel="noreferrer" className="text-brand-700 hover:underline">
            open the document
          </a>
        </p>
        <ul className="mt-3 space-y-2 text-sm">
          {document.gold.map((g) => (
            <li key={g.submission_id} className="rounded-lg bg-stone-50 p-3">
              <p className="line-clamp-2 wrap-anywhere">{g.text}</p>
              <p className="mt-1 text-xs text-stone-600">
                Known answer <strong>{g.known_answer}</strong> · voted <strong className={g.vote.verdict === g.known_answer ? "text-brand-700" : "text-red-700"}>{g.vote.verdict}</strong>
                {g.vote.key && ` · signed by ${g.vote.key === document.validator ? "the wallet" : `key ${shortHex(g.vote.key)}`}`}
              </p>
            </li>
          ))}
        </ul>
      </div>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          slash.mutate();
        }}
        className="grid gap-3 sm:grid-cols-[12rem_minmax(0,1fr)_auto] sm:items-end"
      >
        <label className="text-sm font-medium">
          Amount (CMPL)
          <input value={amountValue} onChange={(e) => setAmountText(e.target.value)} inputMode="decimal" className={`${inputClass} mt-1 tabular-nums`} />
        </label>
        <label className="text-sm font-medium">
          Reason (on chain, with the evidence hash)
          <input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={200} className={`${inputClass} mt-1`} />
        </label>
        <button type="submit" disabled={slash.isPending || amount === null || !reason.trim()} className="rounded-full bg-red-600 px-5 py-2.5 text-sm font-semibold text-white hover:bg-red-700 disabled:opacity-60">
          {status ?? "Slash from my wallet"}
        </button>
      </form>
      <FieldError id={`slash-error-${record.validator}`} message={slash.error ? txErrorMessage(slash.error, REVERTS, "The slash") : undefined} />
      {slash.isSuccess && (
        <p role="status" className="text-sm text-brand-800">
          Slashed: recorded from the chain. The validator sees the reason and the evidence on its review page.
        </p>
      )}
    </div>
  );
}
