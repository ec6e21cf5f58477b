import type { Metadata } from "next";
import { StackedBars } from "@/components/charts/stacked-bars";
import { AddGoldForm, GrantValidatorForm } from "@/components/curator/curator-forms";
import { SlashingPanel } from "@/components/curator/slashing-panel";
import { SnapshotPanel } from "@/components/curator/snapshot-panel";
import { shortHex } from "@/components/format";
import { EmptyState, PageHeader } from "@/components/empty-state";
import { Badge, Card } from "@/components/ui";
import { pageProfile } from "@/lib/auth/page-session";
import { chainSettings } from "@/lib/chain/config";
import { goldItems, queueHealth, validatorSummaries } from "@/lib/curation/stats";
import { getDb } from "@/lib/db/client";
import { listDatasets } from "@/lib/snapshots/catalog";
import { currentExportJob } from "@/lib/snapshots/export-jobs";

export const metadata: Metadata = { title: "Curator" };

const percent = (v: number | null) => (v === null ? "–" : `${Math.round(v * 100)} %`);

export default async function CuratorPage() {
  const profile = await pageProfile();
  if (!profile?.roles.curator)
    return (
      <>
        <PageHeader title="Curator">Queue health, validators and the snapshot of each epoch.</PageHeader>
        <EmptyState icon="compass" title="Curators only">
          Sign in with a curator account to see queue health, manage validators and publish snapshots. On the local chain, anvil
          account 0 is the curator.
        </EmptyState>
      </>
    );
  const db = await getDb();
  const [health, validators, gold, datasets, exportJob] = await Promise.all([queueHealth(db), validatorSummaries(db), goldItems(db), listDatasets(db), currentExportJob(db)]);
  return (
    <div className="space-y-8">
      <PageHeader title="Curator">Snapshots, queue health, validators and gold items.</PageHeader>
      <section aria-labelledby="epochs" className="space-y-4">
        <h2 id="epochs" className="text-lg font-semibold">
          Epochs
        </h2>
        <SnapshotPanel snapshots={datasets} exportJob={exportJob} />
      </section>
      <section aria-labelledby="health" className="space-y-4">
        <h2 id="health" className="text-lg font-semibold">
          Queue health
        </h2>
        <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
          <Metric label="Pending" value={health.pending.toLocaleString("en-US")} testId="health-pending" />
          <Metric label="Decided today" value={health.decidedToday.toLocaleString("en-US")} testId="health-decided-today" />
          <Metric label="Mean votes to a decision" value={health.meanVotesToDecision?.toFixed(2) ?? "–"} />
          <Metric label="Validators" value={String(validators.length)} />
        </div>
        <Card>
          <h3 className="text-sm font-semibold">Last 14 days</h3>
          {health.daily.every((d) => d.submitted + d.accepted + d.rejected === 0) && (
            <p className="mt-1 text-sm text-stone-500">No submissions or decisions in the last 14 days yet.</p>
          )}
          <div className="mt-4">
            <StackedBars
              title="Items submitted and decided per day"
              categoryLabel="Day"
              minSlots={14}
              data={health.daily.map((d) => ({
                label: d.day.slice(5),
                values: { accepted: d.accepted, rejected: d.rejected, waiting: Math.max(0, d.submitted - d.accepted - d.rejected) },
              }))}
              series={[
                { key: "accepted", label: "Accepted", className: "fill-brand-500", swatch: "bg-brand-500" },
                { key: "rejected", label: "Rejected", className: "fill-red-400", swatch: "bg-red-400" },
                { key: "waiting", label: "Submitted, not decided that day", className: "fill-stone-300", swatch: "bg-stone-300" },
              ]}
            />
          </div>
        </Card>
      </section>

      <section aria-labelledby="validators" className="space-y-4">
        <h2 id="validators" className="text-lg font-semibold">
          Validators
        </h2>
        <Card className="overflow-x-auto p-0 sm:p-0">
          {validators.length === 0 ? (
            <p className="p-6 text-sm text-stone-600">No validators yet.</p>
          ) : (
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Validators</caption>
              <thead className="border-b border-stone-200 bg-stone-50 text-xs text-stone-500 uppercase">
                <tr>
                  <th className="px-4 py-3 font-medium">Address</th>
                  <th className="px-4 py-3 font-medium">Reputation</th>
                  <th className="px-4 py-3 font-medium">Agreement</th>
                  <th className="px-4 py-3 text-right font-medium">Votes</th>
                  <th className="px-4 py-3 text-right font-medium">Today</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-stone-100">
                {validators.map((v) => (
                  <tr key={v.address}>
                    <td className="px-4 py-3 font-mono text-xs" title={v.address}>
                      {shortHex(v.address)}
                    </td>
                    <td className="px-4 py-3">
                      <div className="flex items-center gap-2">
                        <div className="h-1.5 w-20 rounded-full bg-stone-100" aria-hidden>
                          <div className="h-1.5 rounded-full bg-brand-500" style={{ width: `${Math.round(v.reputation * 100)}%` }} />
                        </div>
                        <span className="tabular-nums">{v.reputation.toFixed(2)}</span>
                      </div>
                    </td>
                    <td className="px-4 py-3 tabular-nums">{percent(v.agreementRate)}</td>
                    <td className="px-4 py-3 text-right tabular-nums">{v.votes}</td>
                    <td className="px-4 py-3 text-right tabular-nums">{v.votesToday}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Card>
        {chainSettings().local && (
          <Card>
            <h3 className="text-sm font-semibold">Grant the validator role</h3>
            <p className="mt-1 mb-3 text-sm text-stone-600">Local chain only: elsewhere validators qualify by staking.</p>
            <GrantValidatorForm />
          </Card>
        )}
      </section>

      <section aria-labelledby="slashing" className="space-y-4">
        <h2 id="slashing" className="text-lg font-semibold">
          Validators failing gold checks
        </h2>
        <SlashingPanel />
      </section>

      <section aria-labelledby="gold" className="space-y-4">
        <h2 id="gold" className="text-lg font-semibold">
          Gold items
        </h2>
        <p className="text-sm text-stone-600">Items with a known answer, mixed into queues to measure validators directly. Keep about half of them &ldquo;reject&rdquo;.</p>
        <Card className="space-y-5">
          {gold.length === 0 ? (
            <p className="text-sm text-stone-600">No gold items yet.</p>
          ) : (
            <ul className="divide-y divide-stone-100">
              {gold.map((g) => (
                <li key={g.id} className="flex flex-wrap items-center gap-3 py-3 text-sm">
                  <Badge tone={g.answer === "accept" ? "accepted" : "rejected"}>{g.answer}</Badge>
                  <span className="min-w-0 flex-1 truncate">{g.excerpt}</span>
                  {g.retired && <Badge tone="neutral">retired: published as evidence</Badge>}
                  <span className="text-stone-500 tabular-nums">
                    {g.correct}/{g.answers} correct
                  </span>
                </li>
              ))}
            </ul>
          )}
          <AddGoldForm />
        </Card>
      </section>
    </div>
  );
}

function Metric({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="rounded-2xl border border-stone-200 bg-white p-4">
      <p className="text-xs text-stone-500">{label}</p>
      <p className="mt-1 text-2xl font-semibold tabular-nums" data-testid={testId}>
        {value}
      </p>
    </div>
  );
}
