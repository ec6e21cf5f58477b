"use client";

import Link from "next/link";
import { shortHex } from "../format";
import { Icon } from "../icons";
import { buttonClass } from "../ui";
import type { useFastVoting } from "./use-fast-voting";

const timeFormat = new Intl.DateTimeFormat("en-US", { weekday: "short", hour: "numeric", minute: "2-digit" });

/** Asks once for fast voting; once on, says until when and where to manage the key. */
export function FastVotingBar({ fast }: { fast: ReturnType<typeof useFastVoting> }) {
  if (fast.key)
    return (
      <p className="flex flex-wrap items-center gap-x-2 gap-y-1 rounded-xl border border-brand-100 bg-brand-50 px-4 py-2.5 text-sm text-brand-900" data-testid="fast-voting-on">
        <Icon name="bolt" className="size-4 shrink-0" aria-hidden />
        <span>
          Fast voting is on until {timeFormat.format(new Date(fast.key.expiresAt * 1000))}: votes are signed in this browser by key{" "}
          <span className="font-mono">{shortHex(fast.key.address)}</span>.
        </span>
        <Link href="/validate/keys" className="font-medium underline underline-offset-2 hover:text-brand-700">
          Manage keys
        </Link>
      </p>
    );
  return (
    <div className="flex flex-wrap items-center gap-4 rounded-2xl border border-amber-200 bg-amber-50 p-4 sm:flex-nowrap">
      <span className="grid size-10 shrink-0 place-items-center rounded-full bg-amber-100 text-amber-800" aria-hidden>
        <Icon name="bolt" className="size-5" />
      </span>
      <div className="min-w-0 flex-1 text-sm text-amber-950">
        <p className="font-semibold">Vote without a wallet prompt each time</p>
        <p className="mt-0.5 text-amber-900">
          Your wallet signs once to let a key kept in this browser sign your votes for 24 hours. Every vote still carries your signature chain;
          you can revoke the key at any time.
        </p>
        {fast.enable.error && (
          <p role="alert" className="mt-1 text-red-700">
            {fast.enable.error.message.split("\n")[0]}
          </p>
        )}
      </div>
      <button type="button" onClick={() => fast.enable.mutate()} disabled={fast.enable.isPending} className={`${buttonClass.primary} shrink-0`}>
        {fast.enable.isPending ? "Confirm in your wallet…" : "Enable fast voting for 24 hours"}
      </button>
    </div>
  );
}
