import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import type { ReactNode } from "react";
import { cache, Suspense } from "react";
import { ChainRecord } from "@/components/datasets/chain-record";
import { DatasetCharts } from "@/components/datasets/dataset-charts";
import { DatasetSnippets } from "@/components/datasets/dataset-snippets";
import { FileTable } from "@/components/datasets/file-table";
import { InsightsSkeleton } from "@/components/datasets/insights-skeleton";
import { formatBytes, formatCount, formatDate, plural } from "@/components/datasets/format";
import { PreviewRows } from "@/components/datasets/preview-rows";
import { ScreeningCharts } from "@/components/datasets/screening-charts";
import { primaryOrigin } from "@/lib/config/app-origins";
import { DatasetStatusBadge } from "@/components/datasets/status-badge";
import { chainFor, chainSettings } from "@/lib/chain/config";
import { ApiError } from "@/lib/http/api-error";
import type { DatasetStats } from "@/lib/snapshots/catalog";
import { SITE_NAME, socialMetadata } from "@/lib/pages/social-metadata";
import { epochPage } from "@/lib/snapshots/epoch-page";

type Props = { params: Promise<{ epoch: string }> };

/** One lookup per request, shared by the metadata and the page (a published epoch's from the cache); an unknown epoch is a 404 page. */
const loadDataset = cache(async (ref: string) => {
  try {
    return await epochPage(ref);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) notFound();
    throw error;
  }
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { dataset } = await loadDataset((await params).epoch);
  const title = `Dataset epoch ${dataset.epoch}`;
  const description = `Epoch ${dataset.epoch}: ${plural(dataset.itemCount, "curated item")} accepted up to ${formatDate(dataset.cutoff)}, as JSONL, Parquet and CSV with sha256 checksums, a dataset card, Croissant metadata and on-chain roots.`;
  return { title, description, ...socialMetadata({ title: `${title} · ${SITE_NAME}`, description, path: `/datasets/${dataset.epoch}` }) };
}

export default async function DatasetPage({ params }: Props) {
  const { epoch: ref } = await params;
  const page = await loadDataset(ref);
  const { dataset, distributor } = page;
  if (ref !== String(dataset.epoch)) redirect(`/datasets/${dataset.epoch}`);

  const origin = primaryOrigin();
  const settings = chainSettings();
  const chainId = page.chainId ?? settings.chainId;
  const explorerUrl = chainFor({ chainId, publicRpcUrl: settings.publicRpcUrl }).blockExplorers?.default.url ?? null;
  const jsonl = dataset.files.find((f) => f.name === "data.jsonl");
  const size = dataset.files.reduce((sum, f) => sum + f.bytes, 0);

  return (
    <div className="space-y-12">
      <header className="space-y-5">
        <Link href="/datasets" className="inline-flex items-center gap-1 text-sm font-medium text-stone-600 hover:text-brand-700">
          <span aria-hidden>←</span> All datasets
        </Link>
        <div>
          <div className="flex flex-wrap items-center gap-3">
            <h1 className="text-3xl font-semibold tracking-tight">Epoch {dataset.epoch}</h1>
            <DatasetStatusBadge status={dataset.status} />
          </div>
          <p className="mt-2 max-w-2xl text-stone-600">
            Every item accepted up to <time dateTime={dataset.cutoff}>{formatDate(dataset.cutoff)}</time>, frozen into one reproducible snapshot.
          </p>
        </div>
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
          <Metric label="Items" value={formatCount(dataset.itemCount)} testId="dataset-items" />
          <Metric label="Votes" value={formatCount(dataset.voteCount)} testId="dataset-votes" />
          <Metric label="Files" value={formatCount(dataset.files.length)} />
          <Metric label="Total size" value={formatBytes(size)} />
        </dl>
      </header>

      <Suspense fallback={<InsightsSkeleton />}>
        <DatasetInsights stats={page.stats()} itemCount={dataset.itemCount} />
      </Suspense>

      <Section id="downloads" title="Downloads" intro="Standard formats with a dataset card and Croissant metadata. Every response carries the file's sha256 as its ETag.">
        <FileTable files={dataset.files} />
      </Section>

      <Section id="use" title="Use it" intro="Each command names this epoch's own files and checksum: paste it as it is.">
        <DatasetSnippets
          origin={origin}
          epoch={dataset.epoch}
          jsonlSha256={jsonl?.sha256 ?? null}
          cid={dataset.cid}
          chainId={chainId}
          rpcUrl={chainId === settings.chainId ? settings.publicRpcUrl : null}
        />
      </Section>

      <Section id="chain" title="On-chain record" intro="The roots anchor this snapshot: anyone can recompute them from the files and compare.">
        <ChainRecord
          epoch={dataset.epoch}
          datasetRoot={dataset.datasetRoot}
          rewardRoot={dataset.rewardRoot}
          manifestHash={dataset.manifestHash}
          cid={dataset.cid}
          totalCumulative={dataset.totalCumulative}
          chainId={chainId}
          distributor={distributor}
          txHash={dataset.txHash}
          publishedAt={dataset.publishedAt}
          explorerUrl={explorerUrl}
        />
      </Section>
    </div>
  );
}

/** Charts and preview: the slower queries, streamed in after the header, downloads and record. */
async function DatasetInsights({ stats: loading, itemCount }: { stats: Promise<DatasetStats>; itemCount: number }) {
  const stats = await loading;
  return (
    <>
      <Section id="overview" title="What is inside">
        <DatasetCharts stats={stats} itemCount={itemCount} />
      </Section>

      <Section
        id="screening"
        title="Screening"
        intro="What AI screening found as each item was submitted, before any validator saw it. Every row of the downloads carries these values (language, screening_* and signal_* columns)."
      >
        <ScreeningCharts stats={stats.screening} />
      </Section>

      <Section
        id="preview"
        title="Preview"
        intro={
          itemCount === 0
            ? undefined
            : stats.preview.length === itemCount
              ? `All ${plural(itemCount, "row")}, in data.jsonl order.`
              : `The first ${plural(stats.preview.length, "row")} of ${formatCount(itemCount)}, in data.jsonl order.`
        }
      >
        {stats.preview.length === 0 ? (
          <p className="rounded-2xl border border-dashed border-stone-300 bg-white p-6 text-sm text-stone-600">
            This snapshot holds no items: nothing had been accepted by its cut-off.
          </p>
        ) : (
          <PreviewRows rows={stats.preview} />
        )}
      </Section>
    </>
  );
}

function Section({ id, title, intro, children }: { id: string; title: string; intro?: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="space-y-4">
      <div>
        <h2 id={id} className="text-xl font-semibold tracking-tight">
          {title}
        </h2>
        {intro && <p className="mt-1 text-sm text-stone-600">{intro}</p>}
      </div>
      {children}
    </section>
  );
}

function Metric({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="rounded-2xl border border-stone-200 bg-white p-4">
      <dt className="text-xs text-stone-500">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold tabular-nums" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}
