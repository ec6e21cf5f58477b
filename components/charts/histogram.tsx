/** Vertical bars over a few ordered buckets (e.g. scores 1–5), with the numbers in a visually hidden table for screen readers. */
export type HistogramBucket = { key: string; label: string; value: number };

export function Histogram({
  title,
  bucketHeader,
  valueHeader,
  buckets,
  barClassName = "bg-brand-500",
  compact = false,
}: {
  title: string;
  bucketHeader: string;
  valueHeader: string;
  buckets: readonly HistogramBucket[];
  barClassName?: string;
  /** Shorter, with smaller labels: for small cards and more buckets. */
  compact?: boolean;
}) {
  const max = Math.max(1, ...buckets.map((b) => b.value));
  const total = buckets.reduce((sum, b) => sum + b.value, 0);
  return (
    <figure>
      <div aria-hidden className={`flex items-end border-b border-stone-200 ${compact ? "h-32 gap-1.5" : "h-44 gap-2 sm:gap-3"}`}>
        {buckets.map((b) => (
          <div key={b.key} className="flex h-full min-w-0 flex-1 flex-col items-center justify-end gap-1">
            <span className={`text-stone-600 tabular-nums ${compact ? "text-[11px]" : "text-xs"}`}>{b.value.toLocaleString("en-US")}</span>
            <div
              className={`w-full max-w-14 rounded-t-md ${b.value > 0 ? barClassName : "bg-stone-100"}`}
              style={{ height: b.value > 0 ? `${Math.max(3, (b.value / max) * 82)}%` : "2px" }}
            />
          </div>
        ))}
      </div>
      <div aria-hidden className={`mt-1.5 flex ${compact ? "gap-1.5" : "gap-2 sm:gap-3"}`}>
        {buckets.map((b) => (
          <span key={b.key} className={`min-w-0 flex-1 text-center text-stone-500 ${compact ? "text-[11px] leading-tight whitespace-nowrap" : "text-xs"}`}>
            {b.label}
            {total > 0 && <span className="block text-[11px] text-stone-500">{Math.round((b.value / total) * 100)} %</span>}
          </span>
        ))}
      </div>
      <div className="sr-only">
        <table>
          <caption>{title}</caption>
          <thead>
            <tr>
              <th>{bucketHeader}</th>
              <th>{valueHeader}</th>
            </tr>
          </thead>
          <tbody>
            {buckets.map((b) => (
              <tr key={b.key}>
                <td>{b.label}</td>
                <td>{b.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
