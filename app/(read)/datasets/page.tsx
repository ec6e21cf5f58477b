import type { Metadata } from "next";
import Link from "next/link";
import { CopyButton } from "@/components/datasets/copy-button";
import { DatasetCard } from "@/components/datasets/dataset-card";
import { formatCount, formatDate, plural } from "@/components/datasets/format";
import { primaryOrigin } from "@/lib/config/app-origins";
import { EmptyState, PageHeader } from "@/components/empty-state";
import { buttonClass } from "@/components/ui";
import { getDb } from "@/lib/db/client";
import { SITE_NAME, socialMetadata } from "@/lib/pages/social-metadata";
import { listDatasets, type DatasetSummary } from "@/lib/snapshots/catalog";
import { fileUrl } from "@/lib/snapshots/files";

const DESCRIPTION = "Versioned, checksummed snapshots of every accepted item: JSONL, Parquet and CSV with dataset cards, Croissant metadata and on-chain roots.";

export const metadata: Metadata = {
  title: "Datasets",
  description: DESCRIPTION,
  ...socialMetadata({ title: `Datasets · ${SITE_NAME}`, description: DESCRIPTION, path: "/datasets" }),
};

export default async function DatasetsPage() {
  const [datasets, origin] = [await getDb().then(listDatasets), primaryOrigin()];
  const header = <PageHeader title="Datasets">Versioned snapshots of every accepted item, with checksums and on-chain roots.</PageHeader>;
  if (datasets.length === 0)
    return (
      <>
        {header}
        <EmptyState icon="layers" title="No snapshots yet">
          Each epoch a curator freezes the accepted items into a snapshot. The first one will be listed here with JSONL, Parquet and
          CSV downloads, a checksum for every file and its roots <span className="whitespace-nowrap">on-chain</span>.
        </EmptyState>
        <p className="mt-4 text-center text-sm text-stone-500">
          Scripts can watch <code className="font-mono text-xs text-stone-700">GET /api/datasets</code> for the first one.
        </p>
      </>
    );

  const latest = datasets.find((d) => d.status === "published");
  return (
    <div className="space-y-8">
      {header}
      {latest ? <LatestCallout dataset={latest} origin={origin} /> : <UnpublishedNotice epoch={datasets[0]?.epoch ?? 1} />}
      <section aria-labelledby="all-snapshots" className="space-y-4">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="all-snapshots" className="text-lg font-semibold">
            All snapshots
          </h2>
          <p className="text-sm text-stone-500">
            {plural(datasets.length, "snapshot")}, newest first
          </p>
        </div>
        <ul className="space-y-3">
          {datasets.map((d) => (
            <li key={d.epoch}>
              <DatasetCard dataset={d} />
            </li>
          ))}
        </ul>
        <p className="text-sm text-stone-500">
          The same list as JSON:{" "}
          {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- a JSON API route, not a page: a full request is right */}
          <a href="/api/datasets" className="font-mono text-xs text-brand-700 hover:underline">
            GET /api/datasets
          </a>
        </p>
      </section>
    </div>
  );
}

/** The newest published snapshot and the stable URL that always points at it. */
function LatestCallout({ dataset, origin }: { dataset: DatasetSummary; origin: string }) {
  const stableUrl = `${origin}${fileUrl("latest", "data.parquet")}`;
  return (
    <section aria-labelledby="latest" className="overflow-hidden rounded-3xl border border-brand-200 bg-brand-50 p-5 sm:p-7" data-testid="latest-callout">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <p className="text-xs font-semibold tracking-wide text-brand-700 uppercase">Latest published</p>
          <h2 id="latest" className="mt-1 text-2xl font-semibold tracking-tight">
            Epoch {dataset.epoch}
          </h2>
          <p className="mt-1 text-sm text-stone-700">
            {plural(dataset.itemCount, "item")} · {formatCount(dataset.voteCount)} votes · cut-off{" "}
            <time dateTime={dataset.cutoff}>{formatDate(dataset.cutoff)}</time>
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <Link href={`/datasets/${dataset.epoch}`} className={buttonClass.primary}>
            View epoch {dataset.epoch}
          </Link>
          <a href={fileUrl(dataset.epoch, "data.parquet")} download="data.parquet" className={buttonClass.secondary}>
            Download Parquet
          </a>
        </div>
      </div>
      <div className="mt-5">
        <p className="text-sm font-medium text-stone-800">
          Stable URL: always the newest published snapshot
        </p>
        <div className="mt-2 flex items-center gap-2 rounded-xl border border-brand-200 bg-white py-1.5 pr-1.5 pl-3">
          <code className="min-w-0 flex-1 font-mono text-xs break-all text-stone-800 sm:text-sm" data-testid="stable-url">
            {stableUrl}
          </code>
          <CopyButton value={stableUrl} label="Copy the stable Parquet URL" />
        </div>
        <p className="mt-2 text-xs text-stone-600">
          Swap <code className="font-mono">data.parquet</code> for <code className="font-mono">data.jsonl</code>, <code className="font-mono">data.csv</code> or{" "}
          <code className="font-mono">manifest.json</code>. Pin an epoch number instead of <code className="font-mono">latest</code> for reproducible training runs.
        </p>
      </div>
    </section>
  );
}

function UnpublishedNotice({ epoch }: { epoch: number }) {
  return (
    <section aria-labelledby="latest" className="rounded-2xl border border-amber-200 bg-amber-50 p-5 text-sm text-amber-900" data-testid="latest-callout">
      <h2 id="latest" className="font-semibold">
        Nothing published on-chain yet
      </h2>
      <p className="mt-1">
        Epoch {epoch} is exported and downloadable, and awaits publication by a curator. The stable{" "}
        <code className="font-mono text-xs">/api/datasets/latest/…</code> URLs answer once a snapshot is published on-chain.
      </p>
    </section>
  );
}
