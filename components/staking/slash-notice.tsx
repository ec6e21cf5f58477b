import type { SlashView } from "@/lib/accounts/profile";
import { formatTokenAmount } from "../format";

const dateFormat = new Intl.DateTimeFormat("en-US", { dateStyle: "medium" });

/** What happened to a slashed validator, and why: the reason, the amount and the published evidence. */
export function SlashNotice({ slash, stillValidator }: { slash: SlashView; stillValidator: boolean }) {
  return (
    <div role="alert" className="rounded-2xl border border-red-200 bg-red-50 p-4 text-sm text-red-900" data-testid="slash-notice">
      <p className="font-semibold">
        Your stake was slashed by {formatTokenAmount(BigInt(slash.amount))} CMPL on {dateFormat.format(new Date(slash.slashedAt))}.
      </p>
      <p className="mt-1">Reason: {slash.reason}</p>
      <p className="mt-1">
        The evidence (the gold items you answered, their known answers and your signed votes) is public:{" "}
        <a href={`/api/slashes/evidence/${slash.evidenceHash}`} className="font-medium underline underline-offset-2" target="_blank" rel="noreferrer">
          evidence {slash.evidenceHash.slice(0, 10)}…
        </a>
        .
      </p>
      <p className="mt-1">
        {stillValidator
          ? "Your remaining stake keeps you above the minimum: you can keep reviewing."
          : "Your stake is now below the minimum: the review queue is closed and new votes are refused. Votes you cast before stay as they were. Stake enough again to reopen it."}
      </p>
    </div>
  );
}
