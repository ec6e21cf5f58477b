import Link from "next/link";
import type { DatasetSummary } from "@/lib/snapshots/catalog";
import { shortHex } from "../format";
import { formatBytes, formatCount, formatDate } from "./format";
import { DatasetStatusBadge } from "./status-badge";

export const totalBytes = (d: Pick<DatasetSummary, "files">) => d.files.reduce((sum, f) => sum + f.bytes, 0);

/** One snapshot in the catalog; the whole card is the link to its page. */
export function DatasetCard({ dataset }: { dataset: DatasetSummary }) {
  const stats = [
    { label: "Items", value: formatCount(dataset.itemCount) },
    { label: "Votes", value: formatCount(dataset.voteCount) },
    { label: "Size", value: formatBytes(totalBytes(dataset)) },
  ];
  return (
    <article
      className="group relative grid gap-4 rounded-2xl border border-stone-200 bg-white p-5 shadow-sm transition hover:border-brand-200 hover:shadow-md has-[a:focus-visible]:ring-2 has-[a:focus-visible]:ring-brand-600 has-[a:focus-visible]:ring-offset-2 sm:grid-cols-[minmax(0,1fr)_auto] sm:items-center sm:p-6"
      data-testid={`dataset-${dataset.epoch}`}
    >
      <div className="min-w-0">
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <h3 className="text-lg font-semibold">
            <Link href={`/datasets/${dataset.epoch}`} className="after:absolute after:inset-0 after:rounded-2xl focus-visible:outline-none">
              Epoch {dataset.epoch}
            </Link>
          </h3>
          <DatasetStatusBadge status={dataset.status} />
        </div>
        <p className="mt-1 text-sm text-stone-600">
          Cut-off <time dateTime={dataset.cutoff}>{formatDate(dataset.cutoff)}</time>
        </p>
        <p className="mt-3 flex min-w-0 items-center gap-2 text-xs text-stone-500">
          <span>Dataset root</span>
          <code className="truncate font-mono text-stone-700" title={dataset.datasetRoot}>
            {shortHex(dataset.datasetRoot, 10, 8)}
          </code>
        </p>
      </div>
      <div className="flex items-center justify-between gap-6 sm:justify-end">
        <dl className="grid grid-cols-3 gap-4 sm:gap-6">
          {stats.map((s) => (
            <div key={s.label}>
              <dt className="text-xs text-stone-500">{s.label}</dt>
              <dd className="font-semibold tabular-nums">{s.value}</dd>
            </div>
          ))}
        </dl>
        <span aria-hidden className="text-xl text-stone-300 transition group-hover:translate-x-0.5 group-hover:text-brand-600">
          →
        </span>
      </div>
    </article>
  );
}
