export type BarSeries = { key: string; label: string; className: string; swatch: string };
export type BarDatum = { label: string; values: Readonly<Record<string, number>> };

const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });

/**
 * Stacked bars in SVG that stretch with their card, with HTML axis labels so the text keeps its
 * size from phone to desktop, and the numbers in a visually hidden table for screen readers.
 */
export function StackedBars({
  title,
  data,
  series,
  categoryLabel,
  minSlots = 8,
}: {
  title: string;
  data: readonly BarDatum[];
  series: readonly BarSeries[];
  categoryLabel: string;
  minSlots?: number;
}) {
  const totals = data.map((d) => series.reduce((sum, s) => sum + (d.values[s.key] ?? 0), 0));
  const max = Math.max(...totals, 0) || 1;
  // Few categories should not mean fat bars.
  const slots = Math.max(minSlots, data.length);
  const labelEvery = Math.ceil(data.length / 7);
  const center = (i: number) => `${((i + 0.5) / slots) * 100}%`;
  return (
    <figure>
      <div className="relative h-44 pt-2 pb-6 pl-11">
        <div className="relative h-full">
          {[1, 0.5, 0].map((f) => (
            <div key={f} className="absolute inset-x-0" style={{ top: `${(1 - f) * 100}%` }} aria-hidden>
              <div className={`border-t ${f === 0 ? "border-stone-300" : "border-dashed border-stone-200"}`} />
              <span className="absolute -left-11 w-9 -translate-y-1/2 text-right text-[11px] text-stone-500 tabular-nums">{compact.format(max * f)}</span>
            </div>
          ))}
          <svg viewBox={`0 0 ${slots * 10} 100`} preserveAspectRatio="none" role="img" aria-label={title} className="absolute inset-0 h-full w-full">
            {data.map((d, i) => {
              let y = 100;
              return (
                <g key={d.label}>
                  {series.map((s) => {
                    const h = ((d.values[s.key] ?? 0) / max) * 100;
                    y -= h;
                    return h > 0 ? <rect key={s.key} x={i * 10 + 2} y={y} width={6} height={h} className={s.className} /> : null;
                  })}
                </g>
              );
            })}
          </svg>
          {data.map((d, i) =>
            // Evenly spaced labels counted back from the newest bar, which always has one.
            (data.length - 1 - i) % labelEvery === 0 ? (
              <span key={d.label} aria-hidden className="absolute top-full mt-1.5 -translate-x-1/2 text-[11px] whitespace-nowrap text-stone-500" style={{ left: center(i) }}>
                {d.label}
              </span>
            ) : null,
          )}
        </div>
      </div>
      <figcaption className="mt-2 flex flex-wrap gap-4 text-xs text-stone-600">
        {series.map((s) => (
          <span key={s.key} className="inline-flex items-center gap-1.5">
            <span aria-hidden className={`size-2.5 rounded-sm ${s.swatch}`} />
            {s.label}
          </span>
        ))}
      </figcaption>
      {/* Tables ignore overflow clipping, so the visually hidden wrapper is a div. */}
      <div className="sr-only">
        <table>
          <caption>{title}</caption>
          <thead>
            <tr>
              <th>{categoryLabel}</th>
              {series.map((s) => (
                <th key={s.key}>{s.label}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data.map((d) => (
              <tr key={d.label}>
                <td>{d.label}</td>
                {series.map((s) => (
                  <td key={s.key}>{d.values[s.key] ?? 0}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
