import Link from "next/link";
import { Icon } from "@/components/icons";
import { landingStats } from "@/lib/stats/landing-stats";
import type { NetworkStats } from "@/lib/stats/network-stats";

const STEPS = [
  { title: "Submit", body: "Tag a post, thread, article or answer worth learning from and sign it with your wallet.", icon: "pen" },
  { title: "Validate", body: "Staked validators vote on quality. Reputation-weighted consensus decides what is accepted.", icon: "scale" },
  { title: "Snapshot", body: "Each epoch freezes the accepted items into a versioned, checksummed open dataset.", icon: "layers" },
  { title: "Reward", body: "The epoch's budget is split by contribution and paid on-chain through Merkle claims.", icon: "coin" },
] as const;

const AUDIENCES = [
  { title: "Contributors", body: "Fast submission from any page with a bookmarklet, clear reasons when an item is refused, earnings you can see and claim.", href: "/submit", cta: "Start contributing" },
  { title: "Validators", body: "A keyboard-driven review queue, never your own items, weighting that rewards agreement with the final decision.", href: "/validate", cta: "Review items" },
  { title: "AI teams", body: "JSONL, Parquet and CSV with dataset cards and Croissant metadata, sha256 for every file and roots anchored on-chain.", href: "/datasets", cta: "Browse datasets" },
] as const;

export default async function HomePage() {
  const stats = await landingStats();
  return (
    <div className="space-y-20">
      <section className="grid items-center gap-10 pt-4 lg:grid-cols-[1.2fr_1fr]">
        <div>
          <p className="mb-4 inline-flex items-center gap-2 rounded-full bg-brand-50 px-3 py-1 text-sm font-medium text-brand-700">
            <span aria-hidden className="size-1.5 rounded-full bg-brand-500" /> Decentralized data network
          </p>
          <h1 className="text-4xl leading-tight font-semibold tracking-tight text-balance sm:text-5xl">
            Curated data for AI, owned by the people who find it.
          </h1>
          <p className="mt-5 max-w-xl text-lg text-stone-600">
            Commonplace turns what people read into open training data. Contributors submit, validators vote, every epoch
            becomes a verifiable dataset, and everyone who helped is paid on-chain.
          </p>
          <div className="mt-8 flex flex-wrap gap-3">
            <Link href="/submit" className="rounded-full bg-brand-600 px-6 py-3 font-semibold text-white shadow-sm hover:bg-brand-700">
              Submit content
            </Link>
            <Link href="/datasets" className="rounded-full border border-stone-300 bg-white px-6 py-3 font-semibold hover:border-stone-400">
              Browse datasets
            </Link>
          </div>
        </div>
        <LiveStats stats={stats} />
      </section>

      <section aria-labelledby="how">
        <h2 id="how" className="text-2xl font-semibold tracking-tight">
          How it works
        </h2>
        <ol className="mt-6 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          {STEPS.map((step, i) => (
            <li key={step.title} className="rounded-2xl border border-stone-200 bg-white p-5">
              <div className="flex items-center gap-3">
                <span className="grid size-10 place-items-center rounded-xl bg-brand-50 text-brand-700">
                  <Icon name={step.icon} className="size-5" />
                </span>
                <span className="text-sm font-medium text-stone-500">Step {i + 1}</span>
              </div>
              <h3 className="mt-4 font-semibold">{step.title}</h3>
              <p className="mt-1 text-sm text-stone-600">{step.body}</p>
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="who" className="pb-6">
        <h2 id="who" className="text-2xl font-semibold tracking-tight">
          Built for everyone in the loop
        </h2>
        <div className="mt-6 grid gap-4 md:grid-cols-3">
          {AUDIENCES.map((a) => (
            <div key={a.title} className="flex flex-col rounded-2xl border border-stone-200 bg-white p-6">
              <h3 className="font-semibold">{a.title}</h3>
              <p className="mt-2 flex-1 text-sm text-stone-600">{a.body}</p>
              <Link href={a.href} className="mt-5 text-sm font-semibold text-brand-700 hover:underline">
                {a.cta} →
              </Link>
            </div>
          ))}
        </div>
      </section>
    </div>
  );
}

function LiveStats({ stats }: { stats: NetworkStats }) {
  const cards = [
    { label: "Items accepted", value: stats.accepted, id: "accepted" },
    { label: "Awaiting review", value: stats.pending, id: "pending" },
    { label: "Contributors", value: stats.contributors, id: "contributors" },
    { label: "Validators", value: stats.validators, id: "validators" },
    { label: "Votes cast", value: stats.votes, id: "votes" },
    { label: "Snapshots published", value: stats.publishedSnapshots, id: "snapshots" },
  ];
  return (
    <section aria-labelledby="live" className="rounded-3xl border border-stone-200 bg-white p-6 shadow-sm">
      <div className="flex items-center justify-between">
        <h2 id="live" className="font-semibold">
          The network right now
        </h2>
        <span className="inline-flex items-center gap-1.5 text-xs font-medium text-brand-700">
          <span aria-hidden className="size-2 animate-pulse rounded-full bg-brand-500" /> Live
        </span>
      </div>
      <dl className="mt-5 grid grid-cols-2 gap-3">
        {cards.map((c) => (
          <div key={c.id} className="rounded-2xl bg-stone-50 p-4" data-testid={`stat-${c.id}`}>
            <dt className="text-xs font-medium text-stone-500">{c.label}</dt>
            <dd className="mt-1 text-2xl font-semibold tabular-nums">{c.value.toLocaleString("en-US")}</dd>
          </div>
        ))}
      </dl>
      {stats.accepted + stats.pending === 0 && (
        <p className="mt-4 text-sm text-stone-500">Nothing submitted yet — the first contribution shows up here the moment it lands.</p>
      )}
    </section>
  );
}
