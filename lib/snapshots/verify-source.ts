import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { asyncBufferFromFile, asyncBufferFromUrl, cachedAsyncBuffer, type AsyncBuffer } from "hyparquet";
import { MANIFEST_FILE, SNAPSHOT_FILES } from "./files";
import { parseManifest } from "./writers/manifest";

// ---- Sources: a folder or an HTTP base URL, read as streams. ----

export type Digest = { bytes: number; sha256: string };

export type SnapshotSource = {
  /** Where the files are read: the folder, or the base URL every file is read under. */
  label: string;
  /** Streams the file through sha256 (and `consume`); null when the file does not exist. */
  digest(name: string, consume?: (chunk: Uint8Array) => void): Promise<Digest | null>;
  /** The whole file (manifest.json, a previous rewards.json); null when it does not exist. */
  readAll(name: string): Promise<Buffer | null>;
  /** The file's bytes as a stream; null when it does not exist. */
  open(name: string): Promise<AsyncIterable<Uint8Array> | null>;
  /** Random access to a file, for the Parquet reader; null when it does not exist. */
  parquet(name: string): Promise<AsyncBuffer | null>;
  /** Where epoch `other` would be if this source holds epoch `epoch` the usual way, or null. */
  sibling(epoch: number, other: number): string | null;
};

/**
 * `source` is a folder (the snapshot's, one of its files, or the storage root with `epoch`) or any http(s) URL of
 * an epoch the site shows (see `filesBaseUrl`).
 */
export async function openSource(source: string, options: { epoch?: number; fetch?: typeof fetch } = {}): Promise<SnapshotSource> {
  const fetchImpl = options.fetch ?? fetch;
  if (/^https?:\/\//i.test(source)) return httpSource(await filesBaseUrl(source, fetchImpl), fetchImpl);
  return folderSource(await snapshotFolder(source, options.epoch));
}

const FILE_NAMES: readonly string[] = [...SNAPSHOT_FILES, MANIFEST_FILE];

/**
 * The paths under which the site shows an epoch: the JSON and files of the API (/api/datasets/3, …/3/files,
 * …/3/files/data.jsonl) and the page (/datasets/3), after any prefix the app is mounted under. The API form comes
 * first: its path also ends in /datasets/3.
 */
const SITE_PATHS = [
  /^(?<prefix>.*?)\/api\/datasets\/(?<ref>latest|[1-9]\d*)(?:\/files(?:\/[^/]+)?)?\/*$/,
  /^(?<prefix>.*?)\/datasets\/(?<ref>latest|[1-9]\d*)\/*$/,
];

/**
 * The base URL under which `{base}/{name}` serves each of an epoch's files, from any URL the site shows for the
 * epoch. `latest` is looked up once, through the manifest it serves, and becomes that epoch's number: every file
 * and the previous epoch are then read for one epoch even if another is published meanwhile. Any other URL is
 * taken to be such a base already (a bucket, a mirror), less a trailing file name.
 */
export async function filesBaseUrl(input: string, fetchImpl: typeof fetch = fetch): Promise<string> {
  const url = new URL(input);
  for (const form of SITE_PATHS) {
    const groups = form.exec(url.pathname)?.groups;
    if (!groups) continue;
    const site = `${url.origin}${groups.prefix}`;
    const epoch = groups.ref === "latest" ? await latestEpoch(site, fetchImpl) : Number(groups.ref);
    return `${site}/api/datasets/${epoch}/files`;
  }
  const base = input.replace(/\/+$/, "");
  const last = base.slice(base.lastIndexOf("/") + 1);
  return FILE_NAMES.includes(last) ? base.slice(0, -last.length - 1) : base;
}

async function latestEpoch(site: string, fetchImpl: typeof fetch): Promise<number> {
  const url = `${site}/api/datasets/latest/files/${MANIFEST_FILE}`;
  const response = await fetchImpl(url, { redirect: "follow" });
  if (!response.ok) {
    await response.body?.cancel();
    throw new Error(response.status === 404 ? `no published epoch at ${site} (GET ${url}: HTTP 404)` : `GET ${url}: HTTP ${response.status}`);
  }
  return parseManifest(await response.text()).epoch;
}

/**
 * The folder holding manifest.json: `source` itself, the folder of a snapshot file `source` names, or `source/{epoch}`
 * (a storage root such as .data/snapshots).
 */
async function snapshotFolder(source: string, epoch: number | undefined): Promise<string> {
  const path = resolve(source);
  if (FILE_NAMES.includes(basename(path)) && (await isFile(path))) return dirname(path);
  if (await isFile(join(path, MANIFEST_FILE))) return path;
  if (epoch !== undefined && (await isFile(join(path, String(epoch), MANIFEST_FILE)))) return join(path, String(epoch));
  const info = await stat(path).catch(() => null);
  if (!info?.isDirectory()) throw new Error(`no such folder: ${path}`);
  return path;
}

function folderSource(dir: string): SnapshotSource {
  return {
    label: dir,
    async digest(name, consume) {
      const path = join(dir, name);
      if (!(await isFile(path))) return null;
      return digestStream(createReadStream(path, { highWaterMark: 1 << 20 }), consume);
    },
    async readAll(name) {
      const path = join(dir, name);
      return (await isFile(path)) ? readFile(path) : null;
    },
    async open(name) {
      const path = join(dir, name);
      return (await isFile(path)) ? createReadStream(path, { highWaterMark: 1 << 20 }) : null;
    },
    async parquet(name) {
      const path = join(dir, name);
      return (await isFile(path)) ? cachedAsyncBuffer(await asyncBufferFromFile(path)) : null;
    },
    sibling(epoch, other) {
      return basename(dir) === String(epoch) ? join(dirname(dir), String(other)) : null;
    },
  };
}

function httpSource(root: string, fetchImpl: typeof fetch): SnapshotSource {
  const get = async (name: string): Promise<Response | null> => {
    const url = `${root}/${encodeURIComponent(name)}`;
    const response = await fetchImpl(url, { redirect: "follow" });
    if (response.status === 404 || response.status === 410) {
      await response.body?.cancel();
      return null;
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new Error(`GET ${url}: HTTP ${response.status}`);
    }
    return response;
  };
  return {
    label: root,
    async digest(name, consume) {
      const response = await get(name);
      if (!response) return null;
      if (!response.body) return digestStream([], consume);
      return digestStream(readerChunks(response.body.getReader()), consume);
    },
    async readAll(name) {
      const response = await get(name);
      return response ? Buffer.from(await response.arrayBuffer()) : null;
    },
    async open(name) {
      const response = await get(name);
      if (!response) return null;
      return response.body ? readerChunks(response.body.getReader()) : (async function* () {})();
    },
    async parquet(name) {
      const url = `${root}/${encodeURIComponent(name)}`;
      const head = await fetchImpl(url, { method: "HEAD", redirect: "follow" });
      if (head.status === 404 || head.status === 410) return null;
      return cachedAsyncBuffer(await asyncBufferFromUrl({ url, fetch: fetchImpl }));
    },
    sibling(epoch, other) {
      const marker = `/${epoch}/`;
      const at = root.lastIndexOf(marker);
      return at < 0 ? null : `${root.slice(0, at)}/${other}/${root.slice(at + marker.length)}`;
    },
  };
}

async function* readerChunks(reader: ReadableStreamDefaultReader<Uint8Array>): AsyncGenerator<Uint8Array> {
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

async function digestStream(chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, consume?: (chunk: Uint8Array) => void): Promise<Digest> {
  const hash = createHash("sha256");
  let bytes = 0;
  for await (const chunk of chunks) {
    hash.update(chunk);
    bytes += chunk.length;
    consume?.(chunk);
  }
  return { bytes, sha256: hash.digest("hex") };
}

async function isFile(path: string): Promise<boolean> {
  return (await stat(path).catch(() => null))?.isFile() ?? false;
}
