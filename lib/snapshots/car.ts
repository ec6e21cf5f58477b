import type { CID } from "multiformats/cid";
import { ipld } from "./ipld";
import type { ByteSink } from "./storage";
import { buildSnapshotDag, type DagFile } from "./unixfs-dag";

export { CAR_FILE, type DagFile } from "./unixfs-dag";
export { verifyCar } from "./car-verify";

/**
 * The CIDv1 (base32, "bafy…") of the UnixFS directory holding `files`, as `ipfs add -r --cid-version=1 --raw-leaves`
 * computes it in kubo. One streaming pass; nothing is kept but the CIDs.
 */
export async function directoryCid(files: readonly DagFile[]): Promise<string> {
  return (await buildSnapshotDag(files, () => {})).root.toString();
}

export type CarWriteResult = { cid: string; bytes: number; blocks: number };

/**
 * Streams a CARv1 of the directory of `files` into `out`: the header names the directory as its only root, then every
 * block of the DAG follows once, leaves before their parents and the directory last.
 *
 * The header comes first but the root is known only at the end, so the files are read twice: one pass computes the
 * root, the second streams the blocks. Writing a placeholder root and patching the header afterwards would read them
 * once, but needs a seekable output, which an S3 multipart upload is not. Memory stays flat: one 256 KiB chunk in
 * flight, plus the set of CIDs already written (about 100 bytes per 256 KiB block: identical chunks and identical
 * files are written once). Throws, with `out` holding a partial CAR to discard, if a file changes between the passes.
 */
export async function writeCar(files: readonly DagFile[], out: ByteSink): Promise<CarWriteResult> {
  const { CarWriter } = await ipld();
  const { root } = await buildSnapshotDag(files, () => {});
  const { writer, out: chunks } = CarWriter.create([root]);
  let bytes = 0;
  const drained = (async () => {
    for await (const chunk of chunks) {
      bytes += chunk.length;
      await out.write(chunk);
    }
  })();
  // `writer.put` waits for its bytes to be taken by the loop above; if the sink throws, nothing will take them, so
  // every wait also ends when the loop fails.
  const sinkFailed = new Promise<never>((_, reject) => drained.catch(reject));
  sinkFailed.catch(() => {});
  const written = new Set<string>();
  const streamed = await buildSnapshotDag(files, async (cid: CID, block: Uint8Array) => {
    const key = cid.toString();
    if (written.has(key)) return;
    written.add(key);
    await Promise.race([writer.put({ cid, bytes: block }), sinkFailed]);
  });
  await Promise.race([writer.close(), sinkFailed]);
  await drained;
  if (!streamed.root.equals(root)) {
    throw new Error(`the files changed while ${root} was being written (the second pass gave ${streamed.root})`);
  }
  return { cid: root.toString(), bytes, blocks: written.size };
}
