/** A small server-rendered stacked bar chart (SVG), with the numbers in a visually hidden table for screen readers. */
export type BarSeries = { key: string; label: string; className: string };

export function StackedBars({
  title,
  data,
  series,
  labelOf,
  height = 180,
}: {
  title: string;
  data: readonly Record<string, number | string>[];
  series: readonly BarSeries[];
  labelOf: (row: Record<string, number | string>) => string;
  height?: number;
}) {
  const totals = data.map((row) => series.reduce((sum, s) => sum + Number(row[s.key] ?? 0), 0));
  const max = Math.max(1, ...totals);
  const width = 640;
  const pad = { top: 8, bottom: 22, left: 28 };
  const plotH = height - pad.top - pad.bottom;
  const step = (width - pad.left) / Math.max(1, data.length);
  const barW = Math.max(4, step * 0.62);
  const ticks = [0, Math.ceil(max / 2), max];
  return (
    <figure>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title} className="h-auto w-full">
        {ticks.map((t) => {
          const y = pad.top + plotH - (t / max) * plotH;
          return (
            <g key={t}>
              <line x1={pad.left} x2={width} y1={y} y2={y} className="stroke-stone-200" strokeDasharray={t === 0 ? undefined : "3 3"} />
              <text x={pad.left - 6} y={y + 4} textAnchor="end" className="fill-stone-400 text-[10px]">
                {t}
              </text>
            </g>
          );
        })}
        {data.map((row, i) => {
          let y = pad.top + plotH;
          const x = pad.left + i * step + (step - barW) / 2;
          return (
            <g key={labelOf(row)}>
              {series.map((s) => {
                const h = (Number(row[s.key] ?? 0) / max) * plotH;
                y -= h;
                return h > 0 ? <rect key={s.key} x={x} y={y} width={barW} height={h} rx={2} className={s.className} /> : null;
              })}
              {(i % Math.ceil(data.length / 7) === 0 || i === data.length - 1) && (
                <text x={x + barW / 2} y={height - 6} textAnchor="middle" className="fill-stone-500 text-[10px]">
                  {labelOf(row)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <figcaption className="mt-2 flex flex-wrap gap-4 text-xs text-stone-600">
        {series.map((s) => (
          <span key={s.key} className="inline-flex items-center gap-1.5">
            <svg aria-hidden viewBox="0 0 10 10" className="size-2.5">
              <rect width="10" height="10" rx="2" className={s.className} />
            </svg>
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
            <th>Day</th>
            {series.map((s) => (
              <th key={s.key}>{s.label}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.map((row) => (
            <tr key={labelOf(row)}>
              <td>{labelOf(row)}</td>
              {series.map((s) => (
                <td key={s.key}>{row[s.key]}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      </div>
    </figure>
  );
}
