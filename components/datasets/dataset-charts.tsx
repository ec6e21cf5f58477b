import type { ReactNode } from "react";
import { BarList } from "@/components/charts/bar-list";
import { Histogram } from "@/components/charts/histogram";
import { Card } from "@/components/ui";
import type { DatasetStats } from "@/lib/snapshots/catalog";
import { shortHex } from "../format";

/** Items per tag, the quality distribution and the top contributors of one snapshot. */
export function DatasetCharts({ stats, itemCount }: { stats: Pick<DatasetStats, "tags" | "quality" | "contributors">; itemCount: number }) {
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <ChartCard id="chart-tags" className="lg:row-span-2" title="Items per tag" hint={stats.tags.length === 12 ? "The 12 most used tags" : "Every tag, most used first"}>
        {stats.tags.length === 0 ? (
          <Nothing />
        ) : (
          <BarList title="Items per tag" unit="items" items={stats.tags.map((t) => ({ key: t.tag, label: t.tag, value: t.count }))} />
        )}
      </ChartCard>
      <ChartCard id="chart-quality" title="Quality" hint="Validators' weighted score, rounded to 1–5">
        {itemCount === 0 ? (
          <Nothing />
        ) : (
          <Histogram
            title="Items per quality score"
            bucketHeader="Quality score"
            valueHeader="Items"
            buckets={stats.quality.map((q) => ({ key: String(q.bucket), label: `${q.bucket}`, value: q.count }))}
          />
        )}
        {itemCount > 0 && (
          <p className="mt-3 flex justify-between text-[11px] text-stone-500" aria-hidden>
            <span>1 = low</span>
            <span>5 = high</span>
          </p>
        )}
      </ChartCard>
      <ChartCard id="chart-contributors" title="Top contributors" hint={stats.contributors.length === 10 ? "The 10 with the most items" : "Items per contributor"}>
        {stats.contributors.length === 0 ? (
          <Nothing />
        ) : (
          <BarList
            title="Items per contributor"
            unit="items"
            mono
            barClassName="bg-brand-200"
            items={stats.contributors.map((c) => ({ key: c.address, label: shortHex(c.address), title: c.address, value: c.count }))}
          />
        )}
      </ChartCard>
    </div>
  );
}

export function ChartCard({ id, title, hint, className, children }: { id: string; title: string; hint: string; className?: string; children: ReactNode }) {
  return (
    <Card className={className}>
      <div aria-labelledby={id} role="group">
        <h3 id={id} className="font-semibold">
          {title}
        </h3>
        <p className="mt-0.5 mb-4 text-xs text-stone-500">{hint}</p>
        {children}
      </div>
    </Card>
  );
}

function Nothing() {
  return <p className="text-sm text-stone-500">Nothing to chart in this snapshot.</p>;
}
