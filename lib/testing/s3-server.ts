import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import S3rver from "s3rver";

export const TEST_BUCKET = "commonplace-test";

export type S3TestServer = {
  endpoint: string;
  /** What the app and the AWS SDK need to use the server's bucket: SNAPSHOT_STORE, S3_ENDPOINT and AWS_*. */
  env: Record<string, string>;
  stop(): Promise<void>;
};

/**
 * A real S3-protocol server (s3rver, from npm) on a free loopback port, with an empty bucket: the AWS SDK talks to
 * it exactly as to S3, multipart uploads and ranges included. Files live in a temporary folder, removed on stop.
 */
export async function startS3Server(prefix = ""): Promise<S3TestServer> {
  const directory = await mkdtemp(join(tmpdir(), "s3rver-"));
  const server = new S3rver({ address: "127.0.0.1", port: 0, directory, silent: true, configureBuckets: [{ name: TEST_BUCKET, configs: [] }] });
  const { port } = (await server.run()) as { port: number };
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    env: {
      SNAPSHOT_STORE: `s3://${TEST_BUCKET}${prefix ? `/${prefix}` : ""}`,
      S3_ENDPOINT: endpoint,
      AWS_REGION: "us-east-1",
      AWS_ACCESS_KEY_ID: "S3RVER",
      AWS_SECRET_ACCESS_KEY: "S3RVER",
    },
    async stop() {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
