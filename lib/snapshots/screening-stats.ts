import { sql, type SQL } from "drizzle-orm";
import { languageName } from "../screening/describe";
import type { Db } from "../db/client";
import { queryRows } from "../db/raw";
import type { SignalName } from "../screening/signal-names";
import { FLAG_REASONS } from "../screening/verdict";

/**
 * What AI screening said about an epoch's items, for its page: the language mix, the spread of a few signals, and how
 * many were flagged and why. Three aggregate queries over the frozen items, whatever their number.
 */

/** The distributions the page charts; each has fixed bucket edges so epochs compare at a glance, six buckets at most to fit a phone. */
const SCREENING_HISTOGRAMS = [
  { name: "word_count", edges: [20, 50, 100, 200, 500], unit: "count" },
  // The first edge is the "uncertain language" flag threshold.
  { name: "language_score", edges: [0.4, 0.6, 0.8, 0.9, 0.95], unit: "share" },
  { name: "stop_word_share", edges: [0.1, 0.2, 0.3, 0.4, 0.5], unit: "share" },
  { name: "caps_share", edges: [0.02, 0.05, 0.1, 0.2, 0.5], unit: "share" },
] as const satisfies readonly { name: SignalName | "language_score"; edges: readonly number[]; unit: "count" | "share" }[];

export type HistogramName = (typeof SCREENING_HISTOGRAMS)[number]["name"];

export type LanguageSlice = {
  /** ISO 639-1 code (or the model's label); null for the slice that gathers the rarer languages. */
  code: string | null;
  label: string;
  count: number;
  /** Of the screened items, 0–1. */
  share: number;
};

export type ScreeningStats = {
  items: number;
  /** Items with a screening (the rest were stored before screening existed). */
  screened: number;
  flagged: number;
  /** Most common first, the rarest beyond the first few gathered into one slice. */
  languages: LanguageSlice[];
  /** Flag reasons, most common first, with the text validators see. */
  reasons: { reason: string; label: string; count: number }[];
  histograms: { name: HistogramName; buckets: { label: string; count: number }[]; /** Screened items without this value. */ missing: number }[];
};

/** How many languages the mix names before gathering the rest. */
const TOP_LANGUAGES = 10;

export async function screeningStats(db: Db, epoch: number): Promise<ScreeningStats> {
  const items = sql`(select s.language, s.language_score, s.screening_verdict, s.screening_reasons, s.screening_signals
                     from snapshot_items i join submissions s on s.id = i.submission_id where i.epoch = ${epoch}) as items`;
  const values = sql.join(
    SCREENING_HISTOGRAMS.map((h, k) => sql`(${k}::int, ${histogramValue(h.name)}, ${`{${h.edges.join(",")}}`}::float8[])`),
    sql`, `,
  );
  const [languages, reasons, buckets] = await Promise.all([
    queryRows<{ language: string | null; count: number | string; flagged: number | string }>(
      db,
      sql`select items.language, count(*) as count, count(*) filter (where items.screening_verdict = 'flag') as flagged
          from ${items} group by 1 order by 2 desc, 1`,
    ),
    queryRows<{ reason: string; count: number | string }>(
      db,
      sql`select reason, count(*) as count from ${items}, unnest(items.screening_reasons) as reason group by 1 order by 2 desc, 1`,
    ),
    queryRows<{ k: number; bucket: number | null; count: number | string }>(
      db,
      sql`select h.k, width_bucket(h.v, h.edges) as bucket, count(*) as count
          from ${items} cross join lateral (values ${values}) as h(k, v, edges)
          where items.screening_verdict is not null
          group by 1, 2`,
    ),
  ]);

  const screenedLanguages = languages.filter((l): l is typeof l & { language: string } => l.language !== null).map((l) => ({ code: l.language, count: Number(l.count) }));
  const screened = screenedLanguages.reduce((n, l) => n + l.count, 0);
  return {
    items: languages.reduce((n, l) => n + Number(l.count), 0),
    screened,
    flagged: languages.reduce((n, l) => n + Number(l.flagged), 0),
    languages: languageMix(screenedLanguages, screened),
    reasons: reasons.map((r) => ({ reason: r.reason, label: reasonLabel(r.reason), count: Number(r.count) })),
    histograms: SCREENING_HISTOGRAMS.map((h, k) => {
      const counts = h.edges.map(() => 0).concat(0);
      let missing = 0;
      for (const b of buckets) {
        if (Number(b.k) !== k) continue;
        if (b.bucket === null) missing += Number(b.count);
        else counts[Number(b.bucket)]! += Number(b.count);
      }
      return { name: h.name, buckets: bucketLabels(h.edges, h.unit).map((label, i) => ({ label, count: counts[i]! })), missing };
    }),
  };
}

/** The SQL value a histogram counts: language_score is a column (widened through numeric so 0.9 stays 0.9), the rest are stored signals. */
function histogramValue(name: HistogramName): SQL {
  return name === "language_score" ? sql`items.language_score::numeric::float8` : sql`(items.screening_signals ->> ${name}::text)::float8`;
}

/** The first TOP_LANGUAGES languages by count, then one slice for all the others (when there are at least two). */
function languageMix(languages: readonly { code: string; count: number }[], screened: number): LanguageSlice[] {
  const slice = (code: string | null, label: string, count: number) => ({ code, label, count, share: screened > 0 ? count / screened : 0 });
  const named = languages.length > TOP_LANGUAGES + 1 ? languages.slice(0, TOP_LANGUAGES) : languages;
  const rest = languages.slice(named.length);
  const others = rest.reduce((n, l) => n + l.count, 0);
  return [
    ...named.map((l) => slice(l.code, languageName(l.code), l.count)),
    ...(rest.length > 0 ? [slice(null, `${rest.length} other languages`, others)] : []),
  ];
}

const reasonLabel = (reason: string): string => (reason in FLAG_REASONS ? FLAG_REASONS[reason as keyof typeof FLAG_REASONS] : reason);

const count = (n: number) => n.toLocaleString("en-US");
const percent = (x: number) => `${Math.round(x * 100)}`;

/** Labels of width_bucket's buckets over `edges`: below the first edge, between each two, and from the last one up. */
function bucketLabels(edges: readonly number[], unit: "count" | "share"): string[] {
  const last = edges.length - 1;
  if (unit === "count")
    return [`< ${count(edges[0]!)}`, ...edges.slice(1).map((e, i) => `${count(edges[i]!)}–${count(e - 1)}`), `${count(edges[last]!)}+`];
  return [`< ${percent(edges[0]!)} %`, ...edges.slice(1).map((e, i) => `${percent(edges[i]!)}–${percent(e)} %`), `≥ ${percent(edges[last]!)} %`];
}
