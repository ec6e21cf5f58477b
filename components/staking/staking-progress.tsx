"use client";

import { chainFor } from "@/lib/chain/config";
import { TxHash } from "../rewards/tx-hash";
import { useAppSettings } from "../wallet/app-settings";
import type { Staking } from "./use-staking";

const STEPS = [
  { kind: "sign", label: "Sign in your wallet" },
  { kind: "confirm", label: "Send the transaction" },
  { kind: "pending", label: "Confirmation on chain" },
  { kind: "refresh", label: "Updating your validator status" },
] as const;

/** The steps of a staking action, the current one marked, then what happened. */
export function StakingProgress({ staking }: { staking: Staking }) {
  const { phase, signs: withSignature } = staking;
  const { settings } = useAppSettings();
  const explorer = chainFor(settings).blockExplorers?.default.url;
  if (phase.kind === "idle") return null;
  if (phase.kind === "done")
    return (
      <p role="status" className="rounded-xl bg-brand-50 p-3 text-sm text-brand-900">
        {phase.message} <TxHash hash={phase.hash} explorer={explorer} />
      </p>
    );
  if (phase.kind === "failed")
    return (
      <p role="alert" className="rounded-xl bg-red-50 p-3 text-sm text-red-800">
        {phase.message} {phase.hash && <TxHash hash={phase.hash} explorer={explorer} />}
      </p>
    );
  const steps = STEPS.filter((s) => withSignature || s.kind !== "sign");
  const current = steps.findIndex((s) => s.kind === phase.kind);
  return (
    <ol role="status" aria-label="Progress" className="space-y-1.5 text-sm">
      {steps.map((s, i) => (
        <li key={s.kind} className={`flex items-center gap-2 ${i < current ? "text-stone-500" : i === current ? "font-medium text-stone-900" : "text-stone-400"}`}>
          <span aria-hidden className={`grid size-5 place-items-center rounded-full text-[11px] ${i < current ? "bg-brand-100 text-brand-800" : i === current ? "bg-brand-600 text-white" : "bg-stone-100"}`}>
            {i < current ? "✓" : i + 1}
          </span>
          {s.label}
          {i === current && "step" in phase && phase.step ? ` (${phase.step})` : ""}
          {i === current && phase.kind === "pending" && (
            <>
              {" "}
              <TxHash hash={phase.hash} explorer={explorer} />
            </>
          )}
          {i === current && <span className="sr-only"> (in progress)</span>}
        </li>
      ))}
    </ol>
  );
}
