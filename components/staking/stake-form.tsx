"use client";

import { useState } from "react";
import { parseUnits } from "viem";
import { stakeAmountProblem } from "@/lib/staking/stake-amount";
import { formatTokenAmount } from "../format";
import { FieldError, buttonClass, inputClass } from "../ui";
import { StakingProgress } from "./staking-progress";
import type { Staking } from "./use-staking";

/** "1000", "1,000.5" → wei; null when it is not an amount. */
function parseAmount(text: string): bigint | null {
  const clean = text.replaceAll(",", "").trim();
  if (!/^\d+(\.\d{1,18})?$/.test(clean)) return null;
  return parseUnits(clean, 18);
}

/**
 * Stake (or top up): the amount is checked against the balance and the minimum before any wallet
 * opens; then one signature and one transaction (EIP-2612 permit), or an approval and a stake for
 * wallets that cannot sign typed data.
 */
export function StakeForm({ staking, submitLabel, progress = true }: { staking: Staking; submitLabel: string; progress?: boolean }) {
  const { state, busy } = staking;
  const suggested = state ? (state.active >= state.minStake ? 0n : state.minStake - state.active) : 0n;
  const [text, setText] = useState<string | null>(null);
  const [touched, setTouched] = useState(false);
  const value = text ?? (suggested > 0n ? formatTokenAmount(suggested, 18).replaceAll(",", "") : "");
  const amount = parseAmount(value);
  const problem = state ? stakeAmountProblem({ amount, balance: state.balance, active: state.active, minStake: state.minStake }) : null;

  const submit = (permit: boolean) => {
    setTouched(true);
    if (problem || amount === null) return;
    void (permit ? staking.stakeWithPermit(amount) : staking.approveAndStake(amount));
  };

  return (
    <div className="space-y-4">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit(true);
        }}
        className="space-y-3"
        noValidate
      >
        <label htmlFor="stake-amount" className="block text-sm font-medium">
          Amount to stake
        </label>
        <div className="flex flex-wrap items-start gap-3">
          <div className="relative w-56 max-w-full">
            <input
              id="stake-amount"
              inputMode="decimal"
              autoComplete="off"
              value={value}
              onChange={(e) => setText(e.target.value)}
              onBlur={() => setTouched(true)}
              aria-invalid={(touched && !!problem) || undefined}
              aria-describedby="stake-amount-error stake-amount-hint"
              className={`${inputClass} pr-16 tabular-nums`}
            />
            <span className="pointer-events-none absolute top-2.5 right-3.5 text-sm text-stone-500">CMPL</span>
          </div>
          <button type="submit" disabled={busy || !state} className={buttonClass.primary}>
            {busy && staking.signs ? "Staking…" : submitLabel}
          </button>
        </div>
        <p id="stake-amount-hint" className="text-xs text-stone-500">
          {state ? `You hold ${formatTokenAmount(state.balance)} CMPL · minimum stake ${formatTokenAmount(state.minStake)} CMPL` : "Reading your balance…"}
        </p>
        <FieldError id="stake-amount-error" message={touched ? (problem ?? undefined) : undefined} />
      </form>
      <p className="text-xs text-stone-500">
        One signature and one transaction.{" "}
        <button type="button" onClick={() => submit(false)} disabled={busy || !state} className="underline underline-offset-2 hover:text-stone-700 disabled:opacity-60">
          My wallet cannot sign a permit: approve, then stake (two transactions)
        </button>
      </p>
      {progress && <StakingProgress staking={staking} />}
    </div>
  );
}
