import type { DatasetRow } from "@/lib/snapshots/rows";
import { languageName } from "@/lib/screening/describe";
import { ExpandableText } from "./expandable-text";
import { shortHex } from "../format";

/** Only http(s) links are rendered as links; anything else stays text. */
function safeHttpUrl(value: string | null): URL | null {
  if (!value || !URL.canParse(value)) return null;
  const url = new URL(value);
  return url.protocol === "http:" || url.protocol === "https:" ? url : null;
}

/** The first rows of data.jsonl, as a reader would want to skim them. Content is data: rendered as text, never markup. */
export function PreviewRows({ rows }: { rows: readonly DatasetRow[] }) {
  return (
    <ol className="relative divide-y divide-stone-100 overflow-hidden rounded-2xl border border-stone-200 bg-white shadow-sm">
      {rows.map((row, i) => {
        const source = safeHttpUrl(row.source_url);
        return (
          <li key={row.id} className="grid gap-3 p-4 sm:grid-cols-[2rem_minmax(0,1fr)_14rem] sm:p-5" data-testid="preview-row">
            <span aria-hidden className="hidden text-sm text-stone-500 tabular-nums sm:block">
              {i + 1}
            </span>
            <div className="min-w-0">
              <ExpandableText text={row.text} />
              {row.tags.length > 0 && (
                <ul aria-label="Tags" className="mt-2 flex flex-wrap gap-1.5">
                  {row.tags.map((tag) => (
                    <li key={tag} className="rounded-full bg-stone-100 px-2 py-0.5 text-xs text-stone-700">
                      {tag}
                    </li>
                  ))}
                </ul>
              )}
            </div>
            <dl className="grid grid-cols-[auto_minmax(0,1fr)] content-start gap-x-3 gap-y-1 text-xs">
              <dt className="text-stone-500">Quality</dt>
              <dd className="font-medium">
                <span className="tabular-nums">{row.quality.toFixed(2)}</span>
                <span className="text-stone-500"> / 5</span>
              </dd>
              <dt className="text-stone-500">Contributor</dt>
              <dd className="font-mono text-stone-600" title={row.contributor}>
                {shortHex(row.contributor)}
              </dd>
              <dt className="text-stone-500">Language</dt>
              <dd className="truncate text-stone-600">
                {row.language === null ? (
                  <span className="text-stone-500">Not screened</span>
                ) : (
                  <>
                    {languageName(row.language)}
                    {row.screening_verdict === "flag" && <span className="text-amber-700"> · flagged</span>}
                  </>
                )}
              </dd>
              <dt className="text-stone-500">License</dt>
              <dd className="truncate text-stone-600">{row.license}</dd>
              <dt className="text-stone-500">Source</dt>
              <dd className="min-w-0 truncate">
                {source ? (
                  <a href={source.href} target="_blank" rel="noopener noreferrer nofollow" className="text-brand-700 hover:underline" title={source.href}>
                    {source.hostname}
                    <span className="sr-only"> (opens in a new tab)</span>
                  </a>
                ) : (
                  <span className="text-stone-500">No source</span>
                )}
              </dd>
            </dl>
          </li>
        );
      })}
    </ol>
  );
}
