import type { EpochReward } from "@/lib/rewards/account-rewards";
import { Badge, Card } from "../ui";
import { EpochBars } from "./epoch-bars";
import { exactTokenAmount, formatTokenAmount } from "../format";

function Amount({ wei, symbol }: { wei: string; symbol: string }) {
  const value = BigInt(wei);
  return <span title={`${exactTokenAmount(value)} ${symbol}`}>{formatTokenAmount(value)}</span>;
}

/** Earnings per epoch, newest first in the table, oldest first in the chart. */
export function Earnings({ history, symbol }: { history: readonly EpochReward[]; symbol: string }) {
  return (
    <Card>
      <h2 id="earnings" className="text-lg font-semibold">
        Earnings per epoch
      </h2>
      {history.length === 0 ? (
        <p className="mt-4 rounded-xl bg-stone-50 p-6 text-center text-sm text-stone-600" data-testid="no-rewards">
          No rewards yet: rewards arrive when a snapshot including your accepted items or agreeing votes is published.
        </p>
      ) : (
        <>
          <div className="mt-5">
            <EpochBars
              symbol={symbol}
              data={[...history].reverse().map((h) => ({ epoch: h.epoch, contributor: BigInt(h.contributorAmount), validator: BigInt(h.validatorAmount) }))}
            />
          </div>
          <div className="-mx-5 mt-6 overflow-x-auto sm:-mx-6">
            <table className="w-full min-w-[34rem] text-left text-sm" aria-labelledby="earnings">
              <thead className="border-y border-stone-200 bg-stone-50 text-xs text-stone-500 uppercase">
                <tr>
                  <th className="px-5 py-3 font-medium sm:px-6">Epoch</th>
                  <th className="px-3 py-3 text-right font-medium">As contributor</th>
                  <th className="px-3 py-3 text-right font-medium">As validator</th>
                  <th className="px-3 py-3 text-right font-medium">Cumulative</th>
                  <th className="px-5 py-3 font-medium sm:px-6">Status</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-stone-100 tabular-nums">
                {history.map((h) => (
                  <tr key={h.epoch} data-epoch={h.epoch}>
                    <td className="px-5 py-3 font-medium sm:px-6">#{h.epoch}</td>
                    <td className="px-3 py-3 text-right">
                      <Amount wei={h.contributorAmount} symbol={symbol} />
                    </td>
                    <td className="px-3 py-3 text-right">
                      <Amount wei={h.validatorAmount} symbol={symbol} />
                    </td>
                    <td className="px-3 py-3 text-right font-medium">
                      <Amount wei={h.cumulative} symbol={symbol} />
                    </td>
                    <td className="px-5 py-3 sm:px-6">
                      {h.published ? <Badge tone="accepted">published</Badge> : <Badge tone="pending">awaiting publication</Badge>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="mt-3 text-xs text-stone-500">Amounts in {symbol}. Cumulative is what the reward tree of that epoch pays this address in total.</p>
        </>
      )}
    </Card>
  );
}
