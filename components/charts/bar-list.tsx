/** Horizontal bars as a plain list: each label and count is real text, the bar itself is decoration. */
export type BarListItem = {
  key: string;
  label: string;
  value: number;
  title?: string;
  /** Shown after the value, e.g. its share. */
  detail?: string;
};

export function BarList({
  title,
  items,
  unit,
  mono = false,
  wrap = false,
  barClassName = "bg-brand-500",
}: {
  title: string;
  items: readonly BarListItem[];
  /** Spoken after each value, e.g. "items". */
  unit: string;
  /** Monospace labels (addresses, hashes). */
  mono?: boolean;
  /** Labels wrap instead of being cut (sentences). */
  wrap?: boolean;
  barClassName?: string;
}) {
  const max = Math.max(1, ...items.map((i) => i.value));
  return (
    <ol aria-label={title} className="space-y-3">
      {items.map((item) => (
        <li key={item.key} className="text-sm">
          <div className="flex items-baseline justify-between gap-3">
            <span className={`min-w-0 ${wrap ? "" : "truncate"} ${mono ? "font-mono text-xs" : ""}`} title={item.title ?? item.label}>
              {item.label}
            </span>{" "}
            <span className="shrink-0 text-stone-600 tabular-nums">
              {item.value.toLocaleString("en-US")}
              <span className="sr-only"> {unit}</span>
              {item.detail && <span className="text-stone-500"> · {item.detail}</span>}
            </span>
          </div>
          <div aria-hidden className="mt-1 h-2 rounded-full bg-stone-100">
            <div className={`h-2 rounded-full ${barClassName}`} style={{ width: `${Math.max(2, (item.value / max) * 100)}%` }} />
          </div>
        </li>
      ))}
    </ol>
  );
}
