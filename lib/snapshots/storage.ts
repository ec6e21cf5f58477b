import { createHash, type Hash } from "node:crypto";

/**
 * Where snapshot files live. `LocalSnapshotStorage` keeps them in a folder; an S3-compatible bucket implements the
 * same four calls (multipart upload for `writer`, ranged GET for `reader`, HEAD for `stat`, a prefix listing for
 * `list`). A writer's file becomes visible only on `close()`, so readers never see half a file; a snapshot is
 * complete once its manifest.json exists, which the export writes last.
 */
export interface SnapshotStorage {
  writer(epoch: number, name: string): Promise<SnapshotFileWriter>;
  /** The file's bytes, or bytes `range.start..range.end` inclusive (HTTP Range semantics). Throws if missing. */
  reader(epoch: number, name: string, range?: ByteRange): Promise<ReadableStream<Uint8Array> | NodeJS.ReadableStream>;
  /** null when the file does not exist (or is not yet closed). */
  stat(epoch: number, name: string): Promise<SnapshotFileStat | null>;
  /** Names of the epoch's closed files, sorted; empty when the epoch has none. */
  list(epoch: number): Promise<string[]>;
  /** Deletes a closed file (nothing when it does not exist). */
  remove(epoch: number, name: string): Promise<void>;
  /** Drops the writes a crashed process left unclosed for the epoch (closed files stay); returns how many. */
  discardUnfinished(epoch: number): Promise<number>;
  /** A time-limited URL that serves the file directly (a bucket's presigned GET), where the store has one. */
  signedUrl?(epoch: number, name: string, expiresInSeconds?: number): Promise<string>;
}

/** Anything bytes can be streamed into. A returned promise is awaited before the next chunk (backpressure). */
export type ByteSink = { write(chunk: Uint8Array): Promise<void> | void };

export type SnapshotFileWriter = {
  write(chunk: Uint8Array): Promise<void>;
  /** Makes the file visible under its name, replacing any previous one. */
  close(): Promise<void>;
  /** Discards what was written; the name keeps its previous file, if any. */
  abort(): Promise<void>;
};

export type ByteRange = { start: number; end: number };
export type SnapshotFileStat = { bytes: number };

/** What every writer returns, computed while streaming: byte count, lowercase hex sha256 (no 0x), rows written. */
export type WriteResult = { bytes: number; sha256: string; rows: number };

const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** File names are flat and safe in a path or an object key: no separators, no leading dot (temp files), no `..`. */
export function assertSnapshotFileName(name: string): void {
  if (!FILE_NAME.test(name) || name.includes("..")) throw new Error(`invalid snapshot file name: ${JSON.stringify(name)}`);
}

export function assertEpoch(epoch: number): void {
  if (!Number.isSafeInteger(epoch) || epoch < 1) throw new Error(`invalid epoch: ${epoch}`);
}

/**
 * Buffers text and bytes into chunks of about `chunkBytes` before handing them to the sink, and hashes and counts
 * exactly the bytes handed over. Writers push one small string per row; this turns that into few large writes.
 */
export class DigestingSink {
  private readonly hash: Hash = createHash("sha256");
  private parts: string[] = [];
  private pendingChars = 0;
  private written = 0;

  constructor(
    private readonly sink: ByteSink,
    private readonly chunkChars = 1 << 20,
  ) {}

  async text(s: string): Promise<void> {
    this.parts.push(s);
    this.pendingChars += s.length;
    if (this.pendingChars >= this.chunkChars) await this.flushText();
  }

  async bytes(chunk: Uint8Array): Promise<void> {
    await this.flushText();
    await this.emit(chunk);
  }

  /** Flushes what is buffered; returns the byte count and sha256 of everything written. Call once. */
  async finish(): Promise<{ bytes: number; sha256: string }> {
    await this.flushText();
    return { bytes: this.written, sha256: this.hash.digest("hex") };
  }

  private async flushText(): Promise<void> {
    if (this.parts.length === 0) return;
    const chunk = Buffer.from(this.parts.length === 1 ? this.parts[0]! : this.parts.join(""), "utf8");
    this.parts = [];
    this.pendingChars = 0;
    await this.emit(chunk);
  }

  private async emit(chunk: Uint8Array): Promise<void> {
    if (chunk.length === 0) return;
    this.hash.update(chunk);
    this.written += chunk.length;
    await this.sink.write(chunk);
  }
}
