"use client";

import Link from "next/link";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { Address } from "viem";
import { chainFor } from "@/lib/chain/config";
import { FAUCET_CMPL, fundForStaking } from "@/lib/wallet/faucet";
import { formatTokenAmount } from "../format";
import { buttonClass } from "../ui";
import { useAppSettings } from "../wallet/app-settings";

/** Where CMPL comes from: accepted items and agreeing votes; on the local chain, a faucet from the genesis supply. */
export function EarnTokens({ address }: { address: Address }) {
  const { settings, deployment } = useAppSettings();
  const queryClient = useQueryClient();
  const [state, setState] = useState<"idle" | "busy" | "done" | "failed">("idle");
  const faucet = async () => {
    if (!deployment) return;
    setState("busy");
    try {
      await fundForStaking(chainFor(settings), deployment.token, address);
      await queryClient.invalidateQueries();
      setState("done");
    } catch (error) {
      console.error("faucet failed", error);
      setState("failed");
    }
  };
  return (
    <div className="space-y-3 text-sm text-stone-700">
      <h3 className="font-semibold text-stone-900">Where CMPL comes from</h3>
      <p>
        Every epoch pays its budget in CMPL: to contributors for the quality of their accepted items, and to validators for votes that agreed with
        the decision. Claim what you earned on{" "}
        <Link href="/rewards" className="font-medium text-brand-700 hover:underline">
          Rewards
        </Link>
        .
      </p>
      {settings.local && deployment && (
        <div className="flex flex-wrap items-center gap-3 rounded-xl bg-stone-50 p-3">
          <span className="flex-1">Local chain: take {formatTokenAmount(FAUCET_CMPL)} test CMPL (and gas money) from the curator&apos;s genesis supply.</span>
          <button type="button" onClick={() => void faucet()} disabled={state === "busy"} className={buttonClass.secondary}>
            {state === "busy" ? "Sending…" : `Get ${formatTokenAmount(FAUCET_CMPL)} test CMPL`}
          </button>
          {state === "done" && (
            <span role="status" className="w-full text-brand-800">
              Sent: your balance is updated.
            </span>
          )}
          {state === "failed" && (
            <span role="alert" className="w-full text-red-700">
              The local faucet failed: is the local chain running?
            </span>
          )}
        </div>
      )}
    </div>
  );
}
