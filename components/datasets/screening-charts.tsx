import { BarList } from "@/components/charts/bar-list";
import { Histogram } from "@/components/charts/histogram";
import type { HistogramName, ScreeningStats } from "@/lib/snapshots/screening-stats";
import { ChartCard } from "./dataset-charts";
import { formatCount, plural } from "./format";

const HISTOGRAMS: Record<HistogramName, { title: string; hint: string; bucket: string; missing?: string }> = {
  word_count: { title: "Words per item", hint: "Counted as a reader of the language would", bucket: "Words" },
  language_score: { title: "Language confidence", hint: "How sure the language model is; below 40 % flags an item", bucket: "Confidence" },
  stop_word_share: {
    title: "Common words",
    hint: "Share of the language's stop words: running text has many",
    bucket: "Share of words",
    missing: "in a language without a stop-word list",
  },
  caps_share: { title: "Capital letters", hint: "Share of letters in upper case: shouting is high", bucket: "Share of letters" },
};

const percent = (share: number) => `${Math.round(share * 100)} %`;

/** What AI screening found in an epoch's items: the language mix, how many were flagged and why, and a few signals' spread. */
export function ScreeningCharts({ stats }: { stats: ScreeningStats }) {
  if (stats.screened === 0) {
    return (
      <p className="rounded-2xl border border-dashed border-stone-300 bg-white p-6 text-sm text-stone-600" data-testid="screening-empty">
        {stats.items === 0
          ? "This snapshot holds no items, so there is no screening to show."
          : "None of these items was screened: they were all submitted before AI screening existed, and their screening columns are empty."}
      </p>
    );
  }
  const unscreened = stats.items - stats.screened;
  return (
    <div className="space-y-4">
      {unscreened > 0 && (
        <p className="text-sm text-stone-600">
          {plural(unscreened, "item was", "items were")} submitted before screening existed and {unscreened === 1 ? "is" : "are"} left out of these charts.
        </p>
      )}
      <div className="grid gap-4 lg:grid-cols-2">
        <ChartCard id="chart-languages" title="Languages" hint={`Share of the ${plural(stats.screened, "screened item")}`}>
          <BarList
            title="Screened items per language"
            unit="items"
            items={stats.languages.map((l) => ({ key: l.code ?? "other", label: l.label, title: l.code ?? undefined, value: l.count, detail: percent(l.share) }))}
          />
        </ChartCard>
        <ChartCard id="chart-flags" title="Flagged by screening" hint="Hints for validators, who accepted these items anyway">
          <p className="flex items-baseline gap-2" data-testid="screening-flagged">
            <span className="text-3xl font-semibold tabular-nums">{percent(stats.flagged / stats.screened)}</span>{" "}
            <span className="text-sm text-stone-600">
              {formatCount(stats.flagged)} of {plural(stats.screened, "screened item")}
            </span>
          </p>
          <div aria-hidden className="mt-3 flex h-2 overflow-hidden rounded-full bg-brand-500">
            <div className="bg-amber-400" style={{ width: `${(stats.flagged / stats.screened) * 100}%` }} />
          </div>
          {stats.reasons.length > 0 ? (
            <div className="mt-5">
              <h4 className="mb-3 text-xs font-medium text-stone-500">Most common reasons</h4>
              <BarList
                title="Flagged items per reason"
                unit="items"
                wrap
                barClassName="bg-amber-400"
                items={stats.reasons.slice(0, 6).map((r) => ({ key: r.reason, label: r.label, title: r.reason, value: r.count }))}
              />
            </div>
          ) : (
            <p className="mt-4 text-sm text-stone-600">No screened item was flagged.</p>
          )}
        </ChartCard>
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        {stats.histograms.map((h) => {
          const text = HISTOGRAMS[h.name];
          return (
            <ChartCard key={h.name} id={`chart-${h.name}`} title={text.title} hint={text.hint}>
              <Histogram
                title={text.title}
                bucketHeader={text.bucket}
                valueHeader="Screened items"
                compact
                buckets={h.buckets.map((b) => ({ key: b.label, label: b.label, value: b.count }))}
              />
              {h.missing > 0 && (
                <p className="mt-3 text-xs text-stone-500">
                  Not counted: {plural(h.missing, "item")} {text.missing ?? "without a value"}.
                </p>
              )}
            </ChartCard>
          );
        })}
      </div>
    </div>
  );
}
