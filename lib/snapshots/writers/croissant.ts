import { LICENSE_IDS } from "../../submissions/licenses";
import { DATASET_FIELDS, UNDETERMINED_LANGUAGE, type FieldKind } from "../dataset-fields";
import { fileUrl } from "../files";
import { DigestingSink, type ByteSink, type WriteResult } from "../storage";

export type CroissantFile = { name: string; bytes: number; sha256: string };

export type CroissantInput = {
  epoch: number;
  cutoff: string;
  itemCount: number;
  /** License values found in the data, sorted. */
  licenses: readonly string[];
  /** Language codes of the screened rows, sorted. */
  languages: readonly string[];
  /** data.jsonl, data.parquet, data.csv, votes.jsonl. */
  files: readonly CroissantFile[];
  datasetRoot: string;
  /** The app's public origin (APP_URL's first), no trailing slash: every URL in the document is absolute under it. */
  siteUrl: string;
  title?: string;
};

/** Croissant `encodingFormat` values, as mlcroissant recognises them. */
const ENCODING: Record<string, string> = {
  ".jsonl": "application/jsonlines",
  ".parquet": "application/x-parquet",
  ".csv": "text/csv",
  ".json": "application/json",
};

/**
 * The reference JSON-LD context of Croissant 1.0, key for key and in its order: mlcroissant's `make_context()` for a
 * 1.0 document, which warns about any key missing from a document's context.
 */
export const CROISSANT_CONTEXT = {
  "@language": "en",
  "@vocab": "https://schema.org/",
  citeAs: "cr:citeAs",
  column: "cr:column",
  conformsTo: "dct:conformsTo",
  cr: "http://mlcommons.org/croissant/",
  rai: "http://mlcommons.org/croissant/RAI/",
  data: { "@id": "cr:data", "@type": "@json" },
  dataType: { "@id": "cr:dataType", "@type": "@vocab" },
  dct: "http://purl.org/dc/terms/",
  equivalentProperty: "cr:equivalentProperty",
  examples: { "@id": "cr:examples", "@type": "@json" },
  extract: "cr:extract",
  field: "cr:field",
  fileProperty: "cr:fileProperty",
  fileObject: "cr:fileObject",
  fileSet: "cr:fileSet",
  format: "cr:format",
  includes: "cr:includes",
  isLiveDataset: "cr:isLiveDataset",
  jsonPath: "cr:jsonPath",
  key: "cr:key",
  md5: "cr:md5",
  parentField: "cr:parentField",
  path: "cr:path",
  recordSet: "cr:recordSet",
  references: "cr:references",
  regex: "cr:regex",
  repeated: "cr:repeated",
  replace: "cr:replace",
  samplingRate: "cr:samplingRate",
  sc: "https://schema.org/",
  separator: "cr:separator",
  source: "cr:source",
  subField: "cr:subField",
  transform: "cr:transform",
} as const;

const DATA_TYPES: Record<FieldKind, string> = {
  string: "sc:Text",
  url: "sc:URL",
  "nullable-string": "sc:Text",
  "string-list": "sc:Text",
  float: "sc:Float",
  "nullable-float": "sc:Float",
  timestamp: "sc:DateTime",
};

/** data.jsonl's fields, from DATASET_FIELDS: [name, Croissant dataType, repeated, description]. */
const FIELDS: [string, string, boolean, string][] = DATASET_FIELDS.map((f) => [f.name, DATA_TYPES[f.kind], f.kind === "string-list", f.doc]);

/** The SPDX ids the app offers, by lower case: a license value in any case finds its canonical spelling. */
const SPDX_IDS = new Map<string, string>(LICENSE_IDS.map((id) => [id.toLowerCase(), id]));

/**
 * A license as Croissant recommends it, the URL of its SPDX page; a value that is no SPDX id the app knows (from
 * before licenses were a fixed list) is named as a CreativeWork instead of passing for a URL.
 */
export function croissantLicense(value: string): string | { "@type": "sc:CreativeWork"; name: string } {
  const id = SPDX_IDS.get(value.toLowerCase());
  return id ? `https://spdx.org/licenses/${id}.html` : { "@type": "sc:CreativeWork", name: value };
}

/**
 * croissant.json: MLCommons Croissant 1.0 metadata. Every data file is a `cr:FileObject` with its sha256 and the
 * absolute URL the app serves it at (mlcroissant loads a document by URL and resolves nothing relative); the `items`
 * record set describes data.jsonl's fields. Deterministic for the same data and origin: fixed key order, no
 * wall-clock time.
 */
export function croissantDocument(input: CroissantInput): Record<string, unknown> {
  const title = input.title ?? `Commonplace dataset, epoch ${input.epoch}`;
  const jsonl = "data.jsonl";
  if (!input.files.some((f) => f.name === jsonl)) throw new Error("croissant needs data.jsonl among the files");
  return {
    "@context": CROISSANT_CONTEXT,
    "@type": "sc:Dataset",
    conformsTo: "http://mlcommons.org/croissant/1.0",
    name: `commonplace-epoch-${input.epoch}`,
    description:
      `${title}: ${input.itemCount} human-curated text items accepted by Commonplace validators up to ${input.cutoff}. ` +
      `Dataset root ${input.datasetRoot}.`,
    license: input.licenses.length === 1 ? croissantLicense(input.licenses[0]!) : input.licenses.map(croissantLicense),
    ...inLanguage(input.languages.filter((l) => l !== UNDETERMINED_LANGUAGE)),
    url: `${input.siteUrl}/datasets/${input.epoch}`,
    version: `${input.epoch}.0.0`,
    datePublished: input.cutoff,
    creator: { "@type": "sc:Organization", name: "Commonplace contributors and validators" },
    keywords: ["commonplace", "human-curated", "text"],
    citeAs: `@misc{commonplace_epoch_${input.epoch}, title = {${title}}, year = {${input.cutoff.slice(0, 4)}}, note = {dataset root ${input.datasetRoot}}}`,
    distribution: input.files.map((f) => ({
      "@type": "cr:FileObject",
      "@id": f.name,
      name: f.name,
      // By epoch number, never `latest`: the immutable URL.
      contentUrl: `${input.siteUrl}${fileUrl(input.epoch, f.name)}`,
      contentSize: `${f.bytes} B`,
      encodingFormat: ENCODING[f.name.slice(f.name.lastIndexOf("."))] ?? "application/octet-stream",
      sha256: f.sha256,
    })),
    recordSet: [
      {
        "@type": "cr:RecordSet",
        "@id": "items",
        name: "items",
        description: "One accepted item per line of data.jsonl.",
        key: { "@id": "items/id" },
        field: FIELDS.map(([name, dataType, repeated, description]) => ({
          "@type": "cr:Field",
          "@id": `items/${name}`,
          name,
          description,
          dataType,
          ...(repeated ? { repeated: true } : {}),
          source: { fileObject: { "@id": jsonl }, extract: { column: name } },
        })),
      },
    ],
  };
}

/** schema.org `inLanguage`: one code, a list, or nothing when no row was screened. */
function inLanguage(codes: readonly string[]): { inLanguage?: string | string[] } {
  if (codes.length === 0) return {};
  return { inLanguage: codes.length === 1 ? codes[0] : [...codes] };
}

export async function writeCroissant(input: CroissantInput, sink: ByteSink): Promise<WriteResult> {
  const out = new DigestingSink(sink);
  await out.text(JSON.stringify(croissantDocument(input), null, 2) + "\n");
  return { ...(await out.finish()), rows: 0 };
}
