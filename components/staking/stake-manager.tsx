"use client";

import { useState } from "react";
import { parseUnits, type Address } from "viem";
import { unstakeAmountProblem } from "@/lib/staking/stake-amount";
import { formatTokenAmount } from "../format";
import { Card, FieldError, buttonClass, inputClass } from "../ui";
import { StakeForm } from "./stake-form";
import { StakingProgress } from "./staking-progress";
import { useStaking, type Staking } from "./use-staking";

const dateFormat = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short" });
const days = (seconds: number) => (seconds % 86_400 === 0 ? `${seconds / 86_400} days` : `${Math.round(seconds / 3600)} hours`);

/** A validator's position: current, pending and when it unlocks; top up, request unstake, withdraw. */
export function StakeManager({ address }: { address: Address }) {
  const staking = useStaking(address);
  const { state } = staking;
  if (!state) return <Card>{staking.loading ? <p className="text-sm text-stone-500">Reading your stake…</p> : <p className="text-sm text-stone-600">No staking contract on this network.</p>}</Card>;
  const unlocked = state.unlockAt !== null && state.unlockAt <= state.chainNow;
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      {staking.phase.kind !== "idle" && (
        <div className="lg:col-span-2">
          <StakingProgress staking={staking} />
        </div>
      )}
      <Card className="space-y-4">
        <h2 className="text-lg font-semibold">Your stake</h2>
        <dl className="grid grid-cols-2 gap-3 text-sm">
          <Figure label="Active" value={`${formatTokenAmount(state.active)} CMPL`} testId="stake-active" />
          <Figure label="Pending withdrawal" value={`${formatTokenAmount(state.pending)} CMPL`} testId="stake-pending" />
          <Figure label="Minimum to validate" value={`${formatTokenAmount(state.minStake)} CMPL`} />
          <Figure label="Unlocks" value={state.unlockAt ? dateFormat.format(state.unlockAt) : "–"} testId="stake-unlock" />
        </dl>
        {state.pending > 0n && (
          <div className="flex flex-wrap items-center gap-3 rounded-xl bg-stone-50 p-3 text-sm">
            <span className="flex-1">
              {unlocked
                ? `${formatTokenAmount(state.pending)} CMPL can be withdrawn now.`
                : `${formatTokenAmount(state.pending)} CMPL unlock on ${dateFormat.format(state.unlockAt ?? new Date())}.`}
            </span>
            <button type="button" onClick={() => void staking.withdraw()} disabled={!unlocked || staking.busy} className={buttonClass.secondary}>
              Withdraw
            </button>
          </div>
        )}
        <h3 className="pt-2 text-sm font-semibold">Top up</h3>
        <StakeForm staking={staking} submitLabel="Stake more" progress={false} />
      </Card>
      <UnstakeCard staking={staking} />
    </div>
  );
}

function UnstakeCard({ staking }: { staking: Staking }) {
  const state = staking.state;
  const [text, setText] = useState("");
  const [touched, setTouched] = useState(false);
  if (!state) return null;
  const amount = /^\d+(\.\d{1,18})?$/.test(text.replaceAll(",", "").trim()) ? parseUnits(text.replaceAll(",", "").trim(), 18) : null;
  const problem = unstakeAmountProblem({ amount, active: state.active });
  const after = amount !== null && amount <= state.active ? state.active - amount : state.active;
  const unlock = new Date(state.chainNow.getTime() + state.unstakeDelaySeconds * 1000);
  return (
    <Card className="space-y-4">
      <h2 className="text-lg font-semibold">Leave or reduce your stake</h2>
      <p className="text-sm text-stone-600">
        Unstaking is two steps: request it now, withdraw once it unlocks {days(state.unstakeDelaySeconds)} later. The stake stays slashable while
        it waits, and each new request restarts the wait for everything pending.
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setTouched(true);
          if (!problem && amount !== null) void staking.requestUnstake(amount);
        }}
        className="space-y-3"
        noValidate
      >
        <label htmlFor="unstake-amount" className="block text-sm font-medium">
          Amount to unstake
        </label>
        <div className="flex flex-wrap items-start gap-3">
          <div className="relative w-56 max-w-full">
            <input
              id="unstake-amount"
              inputMode="decimal"
              autoComplete="off"
              value={text}
              onChange={(e) => setText(e.target.value)}
              aria-invalid={(touched && !!problem) || undefined}
              aria-describedby="unstake-amount-error unstake-consequence"
              className={`${inputClass} pr-16 tabular-nums`}
            />
            <span className="pointer-events-none absolute top-2.5 right-3.5 text-sm text-stone-500">CMPL</span>
          </div>
          <button type="submit" disabled={staking.busy} className={buttonClass.secondary}>
            Request unstake
          </button>
        </div>
        <FieldError id="unstake-amount-error" message={touched && text ? (problem ?? undefined) : undefined} />
        {amount !== null && !problem && (
          <p id="unstake-consequence" className="rounded-xl bg-amber-50 p-3 text-sm text-amber-900" data-testid="unstake-consequence">
            {after < state.minStake
              ? `Your active stake drops to ${formatTokenAmount(after)} CMPL, below the ${formatTokenAmount(state.minStake)} minimum: your review queue closes as soon as the request is confirmed.`
              : `Your active stake stays at ${formatTokenAmount(after)} CMPL: you keep validating.`}{" "}
            {formatTokenAmount(amount)} CMPL unlock around {dateFormat.format(unlock)}.
          </p>
        )}
      </form>
    </Card>
  );
}

function Figure({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="rounded-xl bg-stone-50 p-3">
      <dt className="text-xs text-stone-500">{label}</dt>
      <dd className="mt-0.5 font-semibold tabular-nums" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}
