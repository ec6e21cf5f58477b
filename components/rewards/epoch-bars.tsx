import { tokenUnits } from "./format";

export type EpochBar = { epoch: number; contributor: bigint; validator: bigint };

const SERIES = [
  { key: "contributor", label: "As contributor", className: "fill-brand-500", swatch: "bg-brand-500" },
  { key: "validator", label: "As validator", className: "fill-amber-400", swatch: "bg-amber-400" },
] as const;

const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });

/**
 * Stacked bars of one account's earnings per epoch, after components/charts/stacked-bars. The bars
 * stretch with the card while the labels are HTML, so the text keeps its size from phone to desktop.
 * The amounts themselves are in the table beside it.
 */
export function EpochBars({ data, symbol }: { data: readonly EpochBar[]; symbol: string }) {
  const totals = data.map((d) => tokenUnits(d.contributor) + tokenUnits(d.validator));
  const max = Math.max(...totals, 0) || 1;
  // Few epochs should not mean fat bars: keep room for at least eight.
  const slots = Math.max(8, data.length);
  const labelEvery = Math.ceil(data.length / 8);
  const center = (i: number) => `${((i + 0.5) / slots) * 100}%`;
  return (
    <figure>
      <div className="relative h-44 pt-2 pb-6 pl-11">
        <div className="relative h-full">
          {[1, 0.5, 0].map((f) => (
            <div key={f} className="absolute inset-x-0" style={{ top: `${(1 - f) * 100}%` }} aria-hidden>
              <div className={`border-t ${f === 0 ? "border-stone-300" : "border-dashed border-stone-200"}`} />
              <span className="absolute -left-11 w-9 -translate-y-1/2 text-right text-[11px] text-stone-400 tabular-nums">{compact.format(max * f)}</span>
            </div>
          ))}
          <svg
            viewBox={`0 0 ${slots * 10} 100`}
            preserveAspectRatio="none"
            role="img"
            aria-label={`Earnings per epoch in ${symbol}; the table below lists the amounts`}
            className="absolute inset-0 h-full w-full"
          >
            {data.map((row, i) => {
              let y = 100;
              return (
                <g key={row.epoch}>
                  {SERIES.map((s) => {
                    const h = (tokenUnits(row[s.key]) / max) * 100;
                    y -= h;
                    return h > 0 ? <rect key={s.key} x={i * 10 + 2} y={y} width={6} height={h} className={s.className} /> : null;
                  })}
                </g>
              );
            })}
          </svg>
          {data.map((row, i) =>
            i % labelEvery === 0 || i === data.length - 1 ? (
              <span key={row.epoch} aria-hidden className="absolute top-full mt-1.5 -translate-x-1/2 text-[11px] text-stone-500" style={{ left: center(i) }}>
                #{row.epoch}
              </span>
            ) : null,
          )}
        </div>
      </div>
      <figcaption className="mt-2 flex flex-wrap gap-4 text-xs text-stone-600">
        {SERIES.map((s) => (
          <span key={s.key} className="inline-flex items-center gap-1.5">
            <span aria-hidden className={`size-2.5 rounded-sm ${s.swatch}`} />
            {s.label}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
