"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import { flagSentences, languageName } from "@/lib/screening/describe";
import type { MySubmission } from "@/lib/submissions/queries";
import { Badge, Card, buttonClass } from "../ui";
import { useWalletBridge } from "../wallet/wallet-bridge";

export const MY_SUBMISSIONS_KEY = ["my-submissions"] as const;
const STATUSES = [
  { id: "", label: "All" },
  { id: "pending", label: "Pending" },
  { id: "accepted", label: "Accepted" },
  { id: "rejected", label: "Rejected" },
] as const;

type Page = { items: MySubmission[]; nextCursor: string | null };

const dateFormat = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short" });

export function MySubmissions() {
  const { profile, loading } = useWalletBridge();
  const [status, setStatus] = useState("");
  const [tag, setTag] = useState("");
  const query = useInfiniteQuery({
    queryKey: [...MY_SUBMISSIONS_KEY, profile?.address, status, tag],
    enabled: !!profile,
    initialPageParam: "",
    queryFn: async ({ pageParam }): Promise<Page> => {
      const params = new URLSearchParams({ mine: "1", limit: "10" });
      if (status) params.set("status", status);
      if (tag) params.set("tag", tag);
      if (pageParam) params.set("cursor", pageParam);
      const res = await fetch(`/api/submissions?${params}`, { cache: "no-store" });
      if (!res.ok) throw new Error("Could not load your submissions.");
      return (await res.json()) as Page;
    },
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // Votes and decisions arrive while the page is open: poll instead of asking people to reload.
    refetchInterval: 10_000,
  });
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  const tags = [...new Set(items.flatMap((i) => i.tags))].sort();

  return (
    <Card>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="my-submissions" className="text-lg font-semibold">
          My submissions
        </h2>
        <div className="flex flex-wrap items-center gap-2">
          <div role="tablist" aria-label="Filter by status" className="flex rounded-full bg-stone-100 p-1">
            {STATUSES.map((s) => (
              <button
                key={s.id}
                type="button"
                role="tab"
                aria-selected={status === s.id}
                onClick={() => setStatus(s.id)}
                className={`rounded-full px-3 py-1 text-xs font-medium ${status === s.id ? "bg-white shadow-sm" : "text-stone-600 hover:text-ink"}`}
              >
                {s.label}
              </button>
            ))}
          </div>
          <label className="sr-only" htmlFor="tag-filter">
            Filter by tag
          </label>
          <select
            id="tag-filter"
            value={tag}
            onChange={(e) => setTag(e.target.value)}
            className="rounded-full border border-stone-300 bg-white px-3 py-1.5 text-xs"
          >
            <option value="">All tags</option>
            {[...new Set([...tags, ...(tag ? [tag] : [])])].map((t) => (
              <option key={t} value={t}>
                #{t}
              </option>
            ))}
          </select>
        </div>
      </div>

      <div className="mt-5">
        {!profile && !loading && <p className="text-sm text-stone-600">Sign in to see what you submitted and how validators decided.</p>}
        {profile && query.isPending && <ListSkeleton />}
        {query.isError && (
          <p role="alert" className="text-sm text-red-700">
            {query.error.message}{" "}
            <button type="button" className="underline" onClick={() => void query.refetch()}>
              Retry
            </button>
          </p>
        )}
        {profile && query.isSuccess && items.length === 0 && (
          <p className="rounded-xl bg-stone-50 p-6 text-center text-sm text-stone-600">
            {status || tag ? "Nothing matches these filters." : "Nothing yet — your first submission will show up here."}
          </p>
        )}
        {items.length > 0 && (
          <ul className="divide-y divide-stone-100" data-testid="my-submissions">
            {items.map((item) => (
              <SubmissionRow key={item.id} item={item} />
            ))}
          </ul>
        )}
        {query.hasNextPage && (
          <div className="mt-4 text-center">
            <button type="button" className={buttonClass.secondary} disabled={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
              {query.isFetchingNextPage ? "Loading…" : "Load more"}
            </button>
          </div>
        )}
      </div>
    </Card>
  );
}

function SubmissionRow({ item }: { item: MySubmission }) {
  const tone = item.status;
  const flags = item.screening ? flagSentences(item.screening.reasons) : [];
  return (
    <li className="py-4" data-status={item.status}>
      <div className="flex flex-wrap items-center gap-2 text-xs text-stone-500">
        <Badge tone={tone}>{item.status}</Badge>
        <span>{dateFormat.format(new Date(item.createdAt))}</span>
        <span>·</span>
        <span>
          {item.voteCount} vote{item.voteCount === 1 ? "" : "s"}
        </span>
        {item.quality !== null && (
          <>
            <span>·</span>
            <span>quality {item.quality.toFixed(1)} / 5</span>
          </>
        )}
        {item.screening && (
          // One box, so the separator wraps with the language instead of ending the line above.
          <span className="flex gap-2">
            <span>·</span>
            <span>{languageName(item.screening.language)}</span>
          </span>
        )}
        {item.nearDuplicateOf && <Badge tone="neutral">near duplicate</Badge>}
        {item.piiFlags.length > 0 && <Badge tone="neutral">possible personal data</Badge>}
        {flags.length > 0 && <Badge tone="neutral">flagged</Badge>}
      </div>
      <p className="mt-2 line-clamp-3 text-sm wrap-anywhere whitespace-pre-wrap">{item.content}</p>
      <div className="mt-2 flex flex-wrap gap-1.5 text-xs text-stone-600">
        {item.tags.map((t) => (
          <span key={t}>#{t}</span>
        ))}
      </div>
      {flags.length > 0 && (
        <p className="mt-2 text-xs text-stone-600" data-testid="screening-flags">
          <span className="font-semibold text-stone-700">Flagged by screening:</span> {flags.join(" ")}
        </p>
      )}
      {item.status === "rejected" && item.rejectReason && <p className="mt-2 text-sm text-red-700">Reason: {item.rejectReason}</p>}
    </li>
  );
}

function ListSkeleton() {
  return (
    <div className="space-y-4" aria-busy="true" aria-label="Loading">
      {[0, 1, 2].map((i) => (
        <div key={i} className="animate-pulse space-y-2">
          <div className="h-3 w-40 rounded bg-stone-200" />
          <div className="h-3 w-full rounded bg-stone-100" />
          <div className="h-3 w-2/3 rounded bg-stone-100" />
        </div>
      ))}
    </div>
  );
}
