import { StackedBars } from "../charts/stacked-bars";
import { tokenUnits } from "../format";

export type EpochBar = { epoch: number; contributor: bigint; validator: bigint };

const SERIES = [
  { key: "contributor", label: "As contributor", className: "fill-brand-500", swatch: "bg-brand-500" },
  { key: "validator", label: "As validator", className: "fill-amber-400", swatch: "bg-amber-400" },
] as const;

/** One account's earnings per epoch; the amounts are also in the table beside it. */
export function EpochBars({ data, symbol }: { data: readonly EpochBar[]; symbol: string }) {
  return (
    <StackedBars
      title={`Earnings per epoch in ${symbol}`}
      categoryLabel="Epoch"
      series={SERIES}
      data={data.map((d) => ({ label: `#${d.epoch}`, values: { contributor: tokenUnits(d.contributor), validator: tokenUnits(d.validator) } }))}
    />
  );
}
