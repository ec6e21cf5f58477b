"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { VOTE_FLAGS, type VoteFlag } from "@/lib/curation/flags";
import type { QueueItem } from "@/lib/curation/queue";
import { flagSentences, languageName } from "@/lib/screening/describe";
import { MAX_QUEUE_EXCLUDE } from "@/lib/curation/queue-order";
import type { MyValidation } from "@/lib/curation/stats";
import type { Address, Hex } from "viem";
import { afterNextPaint } from "../after-paint";
import { sendJson, type ApiErrorBody } from "../api-client";
import { formatTokenAmount } from "../format";
import { Badge, Card, buttonClass } from "../ui";
import { FastVotingBar } from "./fast-voting-bar";
import { useFastVoting } from "./use-fast-voting";

const PREFETCH = 10;
const REFILL_BELOW = 3;
/** Below this the item names how sure the language model was; above it the language is just named. */
const SURE_LANGUAGE = 0.8;

/** A refused vote, with the API's code so the page can tell a dead voting key from other refusals. */
class VoteRefused extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}
const DEAD_KEY = new Set(["voting_key_revoked", "voting_key_expired", "unknown_signer", "voting_key_not_yours"]);

type Ballot = { item: QueueItem; verdict: "accept" | "reject"; quality: number; flags: VoteFlag[] };

/**
 * One item at a time, every action on a key; the next items are already loaded so a vote shows the next at once.
 * Votes are signed after the next item is on screen: silently by the fast-voting key, or in the wallet.
 */
export function ReviewQueue({ address }: { address: Address }) {
  const queryClient = useQueryClient();
  const fast = useFastVoting(address);
  const [done, setDone] = useState<Set<string>>(new Set());
  // Read by the queue's fetch, which runs outside render: the items set aside by the time it runs.
  const doneRef = useRef(done);
  useEffect(() => {
    doneRef.current = done;
  }, [done]);
  const [quality, setQuality] = useState(3);
  const [flags, setFlags] = useState<VoteFlag[]>([]);
  const [sessionVotes, setSessionVotes] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);

  const queue = useQuery({
    queryKey: ["queue", address],
    queryFn: async () => {
      const exclude = [...doneRef.current].slice(-MAX_QUEUE_EXCLUDE).join(",");
      const res = await fetch(`/api/queue?limit=${PREFETCH}${exclude ? `&exclude=${exclude}` : ""}`, { cache: "no-store" });
      const body = (await res.json()) as { items: QueueItem[] } & ApiErrorBody;
      if (!res.ok) throw new Error(body.error?.message ?? "Could not load the queue.");
      // A refill never swaps the item on screen for another (a gold item, or one the server now orders first): the
      // validator is reading it, and their next key votes on what is shown.
      const shown = queryClient.getQueryData<QueueItem[]>(["queue", address])?.find((i) => !doneRef.current.has(i.id));
      return shown ? [shown, ...body.items.filter((i) => i.id !== shown.id)] : body.items;
    },
    refetchInterval: 30_000,
  });
  const summary = useQuery({
    queryKey: ["validator-summary", address],
    queryFn: async () => (await (await fetch("/api/validators/me", { cache: "no-store" })).json()) as MyValidation,
    refetchInterval: 15_000,
  });

  const remaining = useMemo(() => (queue.data ?? []).filter((i) => !done.has(i.id)), [queue.data, done]);
  const current = remaining[0];
  const screeningFlags = current?.screening ? flagSentences(current.screening.reasons) : [];

  useEffect(() => {
    if (queue.isSuccess && !queue.isFetching && remaining.length < REFILL_BELOW && (queue.data?.length ?? 0) > 0) void queue.refetch();
  }, [remaining.length, queue]);

  const vote = useMutation({
    mutationFn: async ({ item, verdict, quality, flags }: Ballot) => {
      const issuedAt = Math.floor(Date.now() / 1000);
      const signature = await fast.signVote({ contentHash: item.contentHash as Hex, verdict, quality, flags, issuedAt });
      const res = await sendJson("/api/votes", { submissionId: item.id, verdict, quality, flags, issuedAt, signature });
      const json = (await res.json()) as ApiErrorBody & { decision?: { outcome: string } };
      // Someone else's vote decided it first, or a second tab voted: nothing to undo.
      if (!res.ok && json.error?.code !== "already_decided" && json.error?.code !== "already_voted")
        throw new VoteRefused(json.error?.message ?? "The vote was not recorded.", json.error?.code);
      return json;
    },
    onSuccess: (json) => {
      if (json.decision) setNotice(`Your vote completed a decision: ${json.decision.outcome}.`);
      void queryClient.invalidateQueries({ queryKey: ["validator-summary", address] });
    },
    onError: (error, ballot) => {
      // The item comes back: its vote was not counted.
      setDone((d) => {
        const next = new Set(d);
        next.delete(ballot.item.id);
        return next;
      });
      setSessionVotes((n) => Math.max(0, n - 1));
      if (error instanceof VoteRefused && error.code && DEAD_KEY.has(error.code) && fast.key) {
        fast.drop();
        setNotice(`${error.message} Your last vote was not recorded.`);
      } else setNotice(error.message.split("\n")[0] ?? "The vote was not recorded.");
    },
  });

  const cast = useCallback(
    (verdict: "accept" | "reject") => {
      if (!current) return;
      const ballot = { item: current, verdict, quality, flags };
      // Signing takes the main thread for a few milliseconds: it starts once the next item is painted, never before.
      afterNextPaint(() => vote.mutate(ballot));
      setDone((d) => new Set(d).add(current.id));
      setSessionVotes((n) => n + 1);
      setQuality(3);
      setFlags([]);
      setNotice(null);
    },
    [current, quality, flags, vote],
  );
  const skip = useCallback(() => {
    if (!current) return;
    setDone((d) => new Set(d).add(current.id));
    setQuality(3);
    setFlags([]);
  }, [current]);
  const toggleFlag = useCallback((flag: VoteFlag) => setFlags((f) => (f.includes(flag) ? f.filter((x) => x !== flag) : [...f, flag])), []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (event.metaKey || event.ctrlKey || event.altKey || target?.closest("input, textarea, select, [contenteditable]")) return;
      const key = event.key.toLowerCase();
      if (key === "a") cast("accept");
      else if (key === "r") cast("reject");
      else if (key === "n") skip();
      else if (/^[1-5]$/.test(key)) setQuality(Number(key));
      else {
        const flag = VOTE_FLAGS.find((f) => f.key === key);
        if (!flag) return;
        toggleFlag(flag.id);
      }
      event.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [cast, skip, toggleFlag]);

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_18rem]">
      <div className="space-y-4">
        <FastVotingBar fast={fast} />
        {notice && (
          <p role="status" className="rounded-xl bg-stone-100 px-4 py-3 text-sm text-stone-700">
            {notice}
          </p>
        )}
        {queue.isPending && <ItemSkeleton />}
        {queue.isError && (
          <Card>
            <p role="alert" className="text-sm text-red-700">
              {queue.error.message}
            </p>
          </Card>
        )}
        {queue.isSuccess && !current && (
          <Card className="py-12 text-center">
            <h2 className="text-lg font-semibold">The queue is empty</h2>
            <p className="mt-2 text-sm text-stone-600">Every pending item has your vote or is your own. New items appear here as they arrive.</p>
            <button type="button" className={`${buttonClass.secondary} mt-5`} onClick={() => void queue.refetch()}>
              Check again
            </button>
          </Card>
        )}
        {current && (
          <Card>
            <article aria-labelledby="item-heading" data-testid="review-item" data-id={current.id}>
              <div className="flex flex-wrap items-center gap-2 text-xs text-stone-500">
                <h2 id="item-heading" className="sr-only">
                  Item to review
                </h2>
                {current.tags.map((t) => (
                  <Badge key={t} tone="neutral">
                    #{t}
                  </Badge>
                ))}
                <span>· {current.license}</span>
                {current.screening && (
                  <span data-testid="item-language">
                    · {languageName(current.screening.language)}
                    {current.screening.languageScore < SURE_LANGUAGE && ` (${Math.round(current.screening.languageScore * 100)} % sure)`}
                  </span>
                )}
                <span>· submitted {new Date(current.submittedAt).toLocaleDateString("en-US", { dateStyle: "medium" })}</span>
              </div>
              {(current.nearDuplicate || current.piiFlags.length > 0 || screeningFlags.length > 0) && (
                <div className="mt-3 space-y-2">
                  {screeningFlags.length > 0 && (
                    <p className="rounded-xl border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900" data-testid="screening-flags">
                      <span className="font-semibold">Flagged by screening:</span> {screeningFlags.join(" ")}
                    </p>
                  )}
                  {current.nearDuplicate && (
                    <div className="rounded-xl border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
                      <p className="font-semibold">Possible near duplicate of an earlier item</p>
                      <p className="mt-1 line-clamp-3 wrap-anywhere whitespace-pre-wrap text-amber-800">{current.nearDuplicate.excerpt}</p>
                    </div>
                  )}
                  {current.piiFlags.length > 0 && (
                    <p className="rounded-xl border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
                      <span className="font-semibold">Possible personal data:</span> {current.piiFlags.join(", ")} detected.
                    </p>
                  )}
                </div>
              )}
              <p className="mt-4 max-h-[28rem] overflow-auto text-[15px] leading-relaxed wrap-anywhere whitespace-pre-wrap">{current.content}</p>
              {current.sourceUrl && (
                <a href={current.sourceUrl} target="_blank" rel="noopener noreferrer nofollow" className="mt-4 inline-block text-sm break-all text-brand-700 hover:underline">
                  Source: {current.sourceUrl} ↗
                </a>
              )}
            </article>
          </Card>
        )}
        {current && (
          <Card className="space-y-5">
            <fieldset>
              <legend className="text-sm font-semibold">Quality</legend>
              <div className="mt-2 flex gap-2" role="radiogroup" aria-label="Quality from 1 to 5">
                {[1, 2, 3, 4, 5].map((q) => (
                  <button
                    key={q}
                    type="button"
                    role="radio"
                    aria-checked={quality === q}
                    onClick={() => setQuality(q)}
                    className={`grid size-11 place-items-center rounded-xl border text-sm font-semibold ${quality === q ? "border-brand-600 bg-brand-600 text-white" : "border-stone-300 bg-white hover:border-stone-400"}`}
                  >
                    {q}
                  </button>
                ))}
              </div>
            </fieldset>
            <fieldset>
              <legend className="text-sm font-semibold">Flags</legend>
              <div className="mt-2 flex flex-wrap gap-2">
                {VOTE_FLAGS.map((f) => (
                  <button
                    key={f.id}
                    type="button"
                    aria-pressed={flags.includes(f.id)}
                    onClick={() => toggleFlag(f.id)}
                    className={`inline-flex items-center gap-2 rounded-full border px-3 py-1.5 text-sm ${flags.includes(f.id) ? "border-red-300 bg-red-50 text-red-800" : "border-stone-300 bg-white hover:border-stone-400"}`}
                  >
                    {f.label} <Kbd>{f.key.toUpperCase()}</Kbd>
                  </button>
                ))}
              </div>
            </fieldset>
            <div className="flex flex-wrap gap-3">
              <button type="button" onClick={() => cast("accept")} className={`${buttonClass.primary} min-w-32`}>
                Accept <Kbd light>A</Kbd>
              </button>
              <button
                type="button"
                onClick={() => cast("reject")}
                className="inline-flex min-w-32 items-center justify-center gap-2 rounded-full bg-red-600 px-5 py-2.5 text-sm font-semibold text-white shadow-sm hover:bg-red-700"
              >
                Reject <Kbd light>R</Kbd>
              </button>
              <button type="button" onClick={skip} className={buttonClass.secondary}>
                Skip <Kbd>N</Kbd>
              </button>
            </div>
            <p className="text-xs text-stone-500">Keys: A accept · R reject · 1–5 quality · letters toggle flags · N skip</p>
          </Card>
        )}
      </div>
      <aside>
        <Card>
          <h2 className="text-sm font-semibold">Your validation</h2>
          <dl className="mt-4 grid grid-cols-2 gap-3 text-sm">
            <Stat label="This session" value={String(sessionVotes)} testId="session-votes" />
            <Stat label="Votes today" value={String(summary.data?.votesToday ?? "–")} />
            <Stat label="Agreement" value={summary.data?.agreementRate == null ? "–" : `${Math.round(summary.data.agreementRate * 100)} %`} />
            <Stat label="Reputation" value={summary.data ? summary.data.reputation.toFixed(2) : "–"} />
          </dl>
          <p className="mt-4 text-xs text-stone-500">
            Reputation rises when your votes match the final decision and on known-answer checks, and weighs your future votes.
          </p>
          <p className="mt-3 text-xs text-stone-500">
            {Math.max(0, remaining.length - 1)} more item{remaining.length === 2 ? "" : "s"} loaded ahead.
          </p>
        </Card>
        {summary.data?.stake && (
          <Card className="mt-4">
            <h2 className="text-sm font-semibold">Your stake</h2>
            <p className="mt-2 text-lg font-semibold tabular-nums" data-testid="sidebar-stake">
              {formatTokenAmount(BigInt(summary.data.stake.active))} CMPL
            </p>
            {BigInt(summary.data.stake.pending) > 0n && (
              <p className="text-xs text-stone-500">{formatTokenAmount(BigInt(summary.data.stake.pending))} CMPL waiting to unlock</p>
            )}
            <Link href="/validate/stake" className="mt-3 inline-block text-sm font-medium text-brand-700 hover:underline">
              Manage stake
            </Link>
          </Card>
        )}
      </aside>
    </div>
  );
}

function Stat({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="rounded-xl bg-stone-50 p-3">
      <dt className="text-xs text-stone-500">{label}</dt>
      <dd className="mt-0.5 text-lg font-semibold tabular-nums" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

function Kbd({ children, light }: { children: string; light?: boolean }) {
  return (
    <kbd className={`rounded px-1.5 py-0.5 font-mono text-[11px] ${light ? "bg-white/20 text-white" : "bg-stone-100 text-stone-600"}`} aria-hidden>
      {children}
    </kbd>
  );
}

function ItemSkeleton() {
  return (
    <Card>
      <div className="animate-pulse space-y-3" aria-busy="true" aria-label="Loading the queue">
        <div className="h-3 w-48 rounded bg-stone-200" />
        <div className="h-3 w-full rounded bg-stone-100" />
        <div className="h-3 w-full rounded bg-stone-100" />
        <div className="h-3 w-2/3 rounded bg-stone-100" />
      </div>
    </Card>
  );
}
