import { once } from "node:events";
import { PassThrough, type Readable } from "node:stream";
import {
  AbortMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  S3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { ConfigError } from "../config/app-origins";
import { MEDIA_TYPES } from "./files";
import { assertEpoch, assertSnapshotFileName, type ByteRange, type SnapshotFileStat, type SnapshotFileWriter, type SnapshotStorage } from "./storage";

/** Multipart part size: S3's minimum is 5 MiB; two parts in flight keep memory near 16 MiB per file. */
const PART_BYTES = 8 * 1024 * 1024;

export type S3Location = { bucket: string; prefix: string };

/** `s3://bucket/prefix` → the bucket and a prefix that is empty or ends with "/". */
export function parseS3Url(url: string): S3Location {
  const match = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/.exec(url);
  if (!match) throw new ConfigError(`SNAPSHOT_STORE is "${url}": use s3://bucket or s3://bucket/prefix (a bucket name of 3–63 lowercase letters, digits, dots and dashes).`);
  const prefix = (match[2] ?? "").replace(/^\/+|\/+$/g, "");
  return { bucket: match[1]!, prefix: prefix ? `${prefix}/` : "" };
}

/**
 * Snapshot files in an S3-compatible bucket (AWS S3, R2, MinIO, GCS interop) at `{prefix}{epoch}/{name}`. A writer
 * streams a multipart upload (a file is visible only once its upload completes, as with the folder's rename), so
 * memory stays flat whatever the file's size; `discardUnfinished` aborts the uploads a crashed process left open.
 * Credentials and region come from the standard AWS_* variables; S3_ENDPOINT points at any other provider.
 */
export class S3SnapshotStorage implements SnapshotStorage {
  constructor(
    private readonly client: S3Client,
    private readonly location: S3Location,
  ) {}

  private key(epoch: number, name: string): string {
    assertEpoch(epoch);
    assertSnapshotFileName(name);
    return `${this.location.prefix}${epoch}/${name}`;
  }

  async writer(epoch: number, name: string): Promise<SnapshotFileWriter> {
    const body = new PassThrough({ highWaterMark: 1 << 20 });
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.location.bucket, Key: this.key(epoch, name), Body: body, ContentType: MEDIA_TYPES[name as keyof typeof MEDIA_TYPES] ?? "application/octet-stream" },
      partSize: PART_BYTES,
      queueSize: 2,
      leavePartsOnError: false,
    });
    let failure: unknown = null;
    const done = upload.done().then(
      () => undefined,
      (error: unknown) => {
        failure ??= error;
        body.destroy();
      },
    );
    let closed = false;
    return {
      async write(chunk) {
        if (closed) throw new Error(`write after close: ${name}`);
        if (failure) throw failure;
        // A copy: the upload reads the stream later, and callers may reuse their buffer once this resolves.
        if (!body.write(Buffer.from(chunk))) await Promise.race([once(body, "drain"), done]);
        if (failure) throw failure;
      },
      async close() {
        closed = true;
        body.end();
        await done;
        if (failure) throw failure;
      },
      async abort() {
        closed = true;
        failure ??= new Error(`aborted: ${name}`);
        await upload.abort().catch(() => {});
        body.destroy();
        await done;
      },
    };
  }

  async reader(epoch: number, name: string, range?: ByteRange): Promise<NodeJS.ReadableStream> {
    if (range && !(Number.isSafeInteger(range.start) && Number.isSafeInteger(range.end) && 0 <= range.start && range.start <= range.end)) {
      throw new Error(`invalid range ${range.start}-${range.end}`);
    }
    const answer = await this.client.send(
      new GetObjectCommand({ Bucket: this.location.bucket, Key: this.key(epoch, name), Range: range ? `bytes=${range.start}-${range.end}` : undefined }),
    );
    return answer.Body as Readable;
  }

  async stat(epoch: number, name: string): Promise<SnapshotFileStat | null> {
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.location.bucket, Key: this.key(epoch, name) }));
      return { bytes: head.ContentLength ?? 0 };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async list(epoch: number): Promise<string[]> {
    const prefix = `${this.location.prefix}${epoch}/`;
    assertEpoch(epoch);
    const names: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.client.send(new ListObjectsV2Command({ Bucket: this.location.bucket, Prefix: prefix, ContinuationToken: token }));
      for (const object of page.Contents ?? []) {
        const name = object.Key?.slice(prefix.length) ?? "";
        if (name && !name.includes("/") && !name.startsWith(".")) names.push(name);
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return names.sort();
  }

  async remove(epoch: number, name: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.location.bucket, Key: this.key(epoch, name) }));
  }

  async discardUnfinished(epoch: number): Promise<number> {
    assertEpoch(epoch);
    const prefix = `${this.location.prefix}${epoch}/`;
    let open;
    try {
      open = await this.client.send(new ListMultipartUploadsCommand({ Bucket: this.location.bucket, Prefix: prefix }));
    } catch (error) {
      // Some S3-compatible servers cannot list uploads (s3rver); an unfinished upload is never visible as a file,
      // and a bucket lifecycle rule (AbortIncompleteMultipartUpload) reclaims its parts.
      if (error instanceof S3ServiceException && error.name === "NotImplemented") return 0;
      throw error;
    }
    const uploads = open.Uploads ?? [];
    await Promise.all(uploads.map((u) => this.client.send(new AbortMultipartUploadCommand({ Bucket: this.location.bucket, Key: u.Key, UploadId: u.UploadId }))));
    return uploads.length;
  }

  /** A time-limited GET URL for the file straight from the bucket (SNAPSHOT_REDIRECT=1), ranges included. */
  async signedUrl(epoch: number, name: string, expiresInSeconds = 300): Promise<string> {
    return getSignedUrl(this.client, new GetObjectCommand({ Bucket: this.location.bucket, Key: this.key(epoch, name) }), { expiresIn: expiresInSeconds });
  }
}

function isNotFound(error: unknown): boolean {
  return error instanceof S3ServiceException && (error.name === "NotFound" || error.name === "NoSuchKey" || error.$metadata.httpStatusCode === 404);
}

/** The client for SNAPSHOT_STORE: the standard AWS_* variables, and S3_ENDPOINT (path-style) for R2, MinIO and others. */
export function s3Client(env: Record<string, string | undefined> = process.env): S3Client {
  const endpoint = env.S3_ENDPOINT || undefined;
  const credentials =
    env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY
      ? { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY, sessionToken: env.AWS_SESSION_TOKEN || undefined }
      : undefined; // the SDK's own chain: instance roles, shared config files
  return new S3Client({ region: env.AWS_REGION || "auto", endpoint, forcePathStyle: !!endpoint, credentials });
}
