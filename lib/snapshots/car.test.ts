import { randomBytes } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { CarIndexer } from "@ipld/car/indexer";
import { CarBlockIterator } from "@ipld/car/iterator";
import { CarWriter } from "@ipld/car/writer";
import { decode as decodePb } from "@ipld/dag-pb";
import { fixedSize } from "ipfs-unixfs-importer/chunker";
import { balanced } from "ipfs-unixfs-importer/layout";
import { CID } from "multiformats/cid";
import * as raw from "multiformats/codecs/raw";
import { sha256 } from "multiformats/hashes/sha2";
import { afterAll, describe, expect, it } from "vitest";
import { kuboRandomBytes } from "@/lib/testing/kubo-random";
import { cidString, referenceDirectory, referenceFile, type RefBlocks } from "@/lib/testing/unixfs-reference";
import { directoryCid, verifyCar, writeCar, type DagFile } from "./car";
import { buildSnapshotDag } from "./unixfs-dag";

const KiB = 1024;
const MiB = 1024 * KiB;
const CHUNK = 256 * KiB;

/** A file served in `pieceBytes` slices, so chunk boundaries never line up with what the reader hands over. */
function file(name: string, content: string | Uint8Array, pieceBytes = 65_536): DagFile {
  const data = typeof content === "string" ? Buffer.from(content) : content;
  return {
    name,
    async *open() {
      for (let at = 0; at < data.length; at += pieceBytes) yield data.subarray(at, at + pieceBytes);
    },
  };
}

async function fileCid(content: string | Uint8Array): Promise<string> {
  return String((await buildSnapshotDag([file("f", content)], () => {})).files.get("f"));
}

async function carBytes(files: DagFile[]): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  await writeCar(files, { write: (chunk) => void chunks.push(chunk) });
  return Buffer.concat(chunks);
}

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

async function carBlocks(car: Uint8Array): Promise<{ roots: string[]; blocks: { cid: string; bytes: Uint8Array }[] }> {
  const iterator = await CarBlockIterator.fromIterable(once(car));
  const blocks: { cid: string; bytes: Uint8Array }[] = [];
  for await (const block of iterator) blocks.push({ cid: block.cid.toString(), bytes: block.bytes });
  return { roots: (await iterator.getRoots()).map(String), blocks };
}

/** The CAR re-encoded with the same root and `keep`'s blocks, plus `extra`. */
async function rewriteCar(car: Uint8Array, keep: (cid: string) => boolean, extra: Uint8Array[] = []): Promise<Buffer> {
  const iterator = await CarBlockIterator.fromIterable(once(car));
  const { writer, out } = CarWriter.create(await iterator.getRoots());
  const collected = (async () => {
    const parts: Uint8Array[] = [];
    for await (const part of out) parts.push(part);
    return Buffer.concat(parts);
  })();
  for await (const block of iterator) if (keep(block.cid.toString())) await writer.put(block);
  for (const bytes of extra) await writer.put({ cid: CID.createV1(raw.code, await sha256.digest(bytes)), bytes });
  await writer.close();
  return collected;
}

/** Where each block's bytes start in the CAR, by CID. */
async function blockOffsets(car: Uint8Array): Promise<Map<string, number>> {
  const indexer = await CarIndexer.fromIterable(once(car));
  const offsets = new Map<string, number>();
  for await (const entry of indexer) offsets.set(entry.cid.toString(), entry.blockOffset);
  return offsets;
}

describe("kubo compatibility: pinned CIDs", () => {
  // `ipfs add --cid-version 1` of an empty file: kubo's output quoted in ipfs-shipyard/py-ipfs-http-client#293, and the
  // go-ipfs row for zero_0B (`--chunker=size-262144 --raw-leaves=true --cid-version=1`) in ipld/js-unixfs
  // test/dataset/convergence_rawdata.tsv. It is the raw leaf of zero bytes.
  it("an empty file is the empty raw leaf", async () => {
    expect(await fileCid("")).toBe("bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku");
  });

  // kubo test/cli/add_test.go, shortStringCidV1 ("cidv1 - raw - sha2-256").
  it('"hello world" is a raw leaf', async () => {
    expect(await fileCid("hello world")).toBe("bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e");
  });

  // kubo test/sharness/t0114-gateway-subdomains/README.md: CIDv1 of `echo hello | ipfs add --cid-version 1`; also
  // FILE_CID in t0116-gateway-cache/README.md.
  it('"hello\\n" is a raw leaf', async () => {
    expect(await fileCid("hello\n")).toBe("bafkreicysg23kiwv34eg2d7qweipxwosdo2py4ldv42nbauguluen5v6am");
  });

  // kubo test/sharness/t0116-gateway-cache/README.md: `ipfs add -Qrw --cid-version 1 root2` with
  // root2/root3/root4/index.html = "hello\n" (ipfs 0.21.0-dev); ROOT4_CID is the directory holding index.html alone.
  it("a directory holding one file", async () => {
    expect(await directoryCid([file("index.html", "hello\n")])).toBe("bafybeifq2rzpqnqrsdupncmkmhs3ckxxjhuvdcbvydkgvch3ms24k5lo7q");
  });

  // QmUNLLsPACCz1vLxQVkXqqLX5R1X345qqfHbsf67hvA3Nn, "the CID of empty folder" that kubo's Dockerfile health check stats,
  // in CIDv1.
  it("no files make the empty directory", async () => {
    expect(await directoryCid([])).toBe(CID.parse("QmUNLLsPACCz1vLxQVkXqqLX5R1X345qqfHbsf67hvA3Nn").toV1().toString());
  });

  // The same fixtures' nested directories, through the test-only reference encoder (lib/testing/unixfs-reference.ts):
  // they pin its directory nodes, link names, sorting and Tsize, so its agreement with the module below means more.
  it("the reference encoder gives kubo's CIDs for nested directories", () => {
    const blocks: RefBlocks = new Map();
    const text = (s: string) => referenceFile(Buffer.from(s), blocks);
    const dir = (entries: Parameters<typeof referenceDirectory>[0]) => referenceDirectory(entries, blocks);
    const root4 = dir({ "index.html": text("hello\n") });
    const root3 = dir({ root4 });
    const root2 = dir({ root3 });
    expect(cidString(root4.cid)).toBe("bafybeifq2rzpqnqrsdupncmkmhs3ckxxjhuvdcbvydkgvch3ms24k5lo7q");
    expect(cidString(root3.cid)).toBe("bafybeiawdvhmjcz65x5egzx4iukxc72hg4woks6v6fvgyupiyt3oczk5ja");
    expect(cidString(root2.cid)).toBe("bafybeih2w7hjocxjg6g2ku25hvmd53zj7og4txpby3vsusfefw5rrg5sii");
    expect(cidString(dir({ root2 }).cid)).toBe("bafybeib3ffl2teiqdncv3mkz4r23b5ctrwkzrrhctdbne6iboayxuxk5ui");
    // t0114-gateway-subdomains/README.md: DIR_CID of `ipfs add -Qr --cid-version 1 testdirlisting` (ipfs 0.18.1).
    const listing = dir({
      hello: text("hello\n"),
      api: dir({ "file.txt": text("I am a txt file\n") }),
      ipfs: dir({ "file.txt": text("I am a txt file\n"), ipns: dir({ bar: text("text-file-content\n") }) }),
    });
    expect(cidString(listing.cid)).toBe("bafybeiht6dtwk3les7vqm6ibpvz6qpohidvlshsfyr7l5mpysdw2vmbbhe");
  });

  // kubo test/cli/add_test.go, "--profile=unixfs-v0-2015 applies UnixFSChunker=size-262144 and UnixFSFileMaxLinks":
  // IPFSAddDeterministic("44544KiB" and "44800KiB", "v0-seed"), i.e. 174 chunks (one level, 174 links) and 175 chunks
  // (rebalanced to two levels). That profile is CIDv0 with dag-pb leaves, so only those two settings are swapped: the
  // 256 KiB chunker and the 174-link balanced layout are the ones the snapshot CID uses.
  it("the 256 KiB chunker and 174-link balanced layout match kubo at and past one full level", async () => {
    const v0 = { cidVersion: 0, rawLeaves: false } as const;
    const at = await buildSnapshotDag([{ name: "f", open: () => kuboRandomBytes(174 * CHUNK, "v0-seed") }], () => {}, v0);
    expect(String(at.files.get("f"))).toBe("QmUbBALi174SnogsUzLpYbD4xPiBSFANF4iztWCsHbMKh2");
    const over = await buildSnapshotDag([{ name: "f", open: () => kuboRandomBytes(175 * CHUNK, "v0-seed") }], () => {}, v0);
    expect(String(over.files.get("f"))).toBe("QmepeWtdmS1hHXx1oZXsPUv6bMrfRRKfZcoPPU4eEfjnbf");
  });

  // kubo test/cli/cid_profiles_test.go, unixfsV12025.FileAtMaxLinksCID / FileOverMaxLinksCID: 1024 MiB and 1025 MiB of
  // IPFSAddDeterministic(..., "v1-2025-seed") under --profile=unixfs-v1-2025 (CIDv1, raw leaves, 1 MiB chunks, 1024
  // links). Pins CIDv1 dag-pb parents over raw leaves, on one level and rebalanced onto two; only chunk size and
  // width differ from the snapshot's settings. Two GiB of generated data: a few seconds.
  it("raw leaves under CIDv1 parents match kubo at and past one full level", async () => {
    const v1 = { chunker: fixedSize({ chunkSize: MiB }), layout: balanced({ maxChildrenPerNode: 1024 }) };
    const at = await buildSnapshotDag([{ name: "f", open: () => kuboRandomBytes(1024 * MiB, "v1-2025-seed") }], () => {}, v1);
    expect(String(at.files.get("f"))).toBe("bafybeihmf37wcuvtx4hpu7he5zl5qaf2ineo2lqlfrapokkm5zzw7zyhvm");
    const over = await buildSnapshotDag([{ name: "f", open: () => kuboRandomBytes(1025 * MiB, "v1-2025-seed") }], () => {}, v1);
    expect(String(over.files.get("f"))).toBe("bafybeihmzokxxjqwxjcryerhp5ezpcog2wcawfryb2xm64xiakgm4a5jue");
  });

  // No public vector combines all of the snapshot's settings on a multi-chunk file with data a test can regenerate.
  // Checked once by hand, not committed (the data is another project's): go-ipfs's CIDs in ipld/js-unixfs
  // test/dataset/convergence_rawdata.tsv for `ipfs add --chunker=size-262144 --trickle=false --raw-leaves=true
  // --cid-version=1` of its testdata repeat_0.04GiB_174 (174 chunks), _174_1 (+1 byte, two levels), _175, _175_1 and
  // large_repeat_1GiB (4,089 chunks) all equal buildSnapshotDag's. Here, the reference encoder stands in for kubo.
  it("agrees with the reference encoder around the chunk and level boundaries", async () => {
    for (const bytes of [CHUNK - 1, CHUNK, CHUNK + 1, 174 * CHUNK, 174 * CHUNK + 1, 175 * CHUNK]) {
      const parts: Uint8Array[] = [];
      for await (const part of kuboRandomBytes(bytes, `boundary-${bytes}`)) parts.push(part);
      const data = Buffer.concat(parts);
      const expected = cidString(referenceFile(data, new Map()).cid);
      expect(await fileCid(data), `${bytes} bytes`).toBe(expected);
    }
  });

  // Three and four levels would take 7.9 GB at 256 KiB x 174; shrinking both sides to 16-byte chunks and 4 links puts
  // every depth within a kilobyte, so every leaf count up to four levels is compared (full and partial last chunk).
  it("agrees with the reference encoder at every leaf count up to four levels, on a narrow tree", async () => {
    const narrow = { chunker: fixedSize({ chunkSize: 16 }), layout: balanced({ maxChildrenPerNode: 4 }) };
    const data = randomBytes(4 ** 3 * 16 + 32);
    for (const bytes of Array.from({ length: 4 ** 3 + 2 }, (_, leaves) => [leaves * 16, leaves * 16 + 5]).flat()) {
      const slice = data.subarray(0, bytes);
      const dag = await buildSnapshotDag([file("f", slice, 7)], () => {}, narrow);
      expect(String(dag.files.get("f")), `${bytes} bytes`).toBe(cidString(referenceFile(slice, new Map(), 16, 4).cid));
    }
  });

  it("a directory of several files agrees with the reference encoder", async () => {
    const contents = { "data.csv": randomBytes(CHUNK + 5), "data.jsonl": randomBytes(3 * CHUNK), "README.md": "# Epoch 1\n", "votes.jsonl": "" };
    const blocks: RefBlocks = new Map();
    const expected = referenceDirectory(
      Object.fromEntries(Object.entries(contents).map(([name, c]) => [name, referenceFile(Buffer.from(c), blocks)])),
      blocks,
    );
    const files = Object.entries(contents).map(([name, c]) => file(name, c));
    expect(await directoryCid(files)).toBe(cidString(expected.cid));
  });
});

describe("writeCar", () => {
  const contents = {
    "data.jsonl": randomBytes(2 * CHUNK + 100),
    "data.csv": Buffer.concat([Buffer.alloc(CHUNK, 1), Buffer.alloc(CHUNK, 1), Buffer.from("tail")]),
    "README.md": "# Snapshot\n",
    "rewards.json": "{}\n",
    "copy-of-readme.md": "# Snapshot\n",
  };
  const files = () => Object.entries(contents).map(([name, c]) => file(name, c));

  it("holds exactly the reference encoder's blocks, each once, under the directory CID", async () => {
    const blocks: RefBlocks = new Map();
    const entries = Object.fromEntries(Object.entries(contents).map(([name, c]) => [name, referenceFile(Buffer.from(c), blocks)]));
    const root = referenceDirectory(entries, blocks);
    const car = await carBytes(files());
    const parsed = await carBlocks(car);
    expect(parsed.roots).toEqual([cidString(root.cid)]);
    // data.csv's two identical chunks and the two identical markdown files are written once.
    const byCid = new Map([...blocks].map(([hex, bytes]) => [cidString(Buffer.from(hex, "hex")), Buffer.from(bytes)]));
    expect(parsed.blocks.map((b) => b.cid).sort()).toEqual([...byCid.keys()].sort());
    for (const block of parsed.blocks) expect(byCid.get(block.cid)?.equals(block.bytes), block.cid).toBe(true);
    expect(parsed.blocks.at(-1)?.cid).toBe(cidString(root.cid));
  });

  it("is deterministic: same bytes, same CID and the same CAR, whatever the file order and read sizes", async () => {
    const first = await carBytes(files());
    const reversed = Object.entries(contents).reverse().map(([name, c]) => file(name, c, 1000));
    const second = await carBytes(reversed);
    expect(second.equals(first)).toBe(true);
    const result = await writeCar(files(), { write: () => {} });
    expect(result).toEqual({ cid: await directoryCid(files()), bytes: first.length, blocks: (await carBlocks(first)).blocks.length });
  });

  it("refuses names the directory cannot hold", async () => {
    await expect(directoryCid([file("a/b.csv", "x")])).rejects.toThrow(/invalid snapshot file name/);
    await expect(directoryCid([file("manifest.json", "{}")])).rejects.toThrow(/not part of the snapshot's directory/);
    await expect(directoryCid([file("snapshot.car", "")])).rejects.toThrow(/not part of the snapshot's directory/);
    await expect(directoryCid([file("a.csv", "x"), file("a.csv", "y")])).rejects.toThrow(/listed twice/);
  });

  it("fails when a file changes between its two passes", async () => {
    let opened = 0;
    const changing: DagFile = { name: "data.csv", open: () => file("data.csv", opened++ === 0 ? "a,b\n" : "a,c\n").open() };
    await expect(writeCar([changing], { write: () => {} })).rejects.toThrow(/the files changed while bafy\w+ was being written/);
  });

  it("fails, rather than waiting forever, when the sink fails", async () => {
    let writes = 0;
    const sink = {
      write: () => {
        if (++writes === 3) throw new Error("disk full");
      },
    };
    await expect(writeCar(files(), sink)).rejects.toThrow("disk full");
  });
});

describe("verifyCar", () => {
  const contents = { "data.csv": randomBytes(CHUNK + 1000), "data.jsonl": randomBytes(1000), "README.md": "# Epoch 7\n" };
  const files = (overrides: Record<string, string | Uint8Array> = {}) =>
    Object.entries({ ...contents, ...overrides }).map(([name, c]) => file(name, c));

  it("accepts the CAR writeCar made, read in any slicing", async () => {
    const car = await carBytes(files());
    expect(await verifyCar(once(car), files())).toBeNull();
    expect(await verifyCar(file("snapshot.car", car, 333).open(), files())).toBeNull();
  });

  it("names the block whose bytes were changed, in a raw leaf and in a dag-pb node", async () => {
    const car = await carBytes(files());
    const offsets = await blockOffsets(car);
    const dataCsv = (await buildSnapshotDag(files(), () => {})).files.get("data.csv")!;
    const leaf = [...offsets.keys()].find((cid) => cid.startsWith("bafk"))!;
    for (const cid of [leaf, dataCsv.toString()]) {
      const corrupt = Buffer.from(car);
      corrupt[offsets.get(cid)! + 3]! ^= 0x01;
      expect(await verifyCar(once(corrupt), files())).toBe(`block ${cid} does not hash to its CID`);
    }
  });

  it("names the missing block and the file it belongs to", async () => {
    const car = await carBytes(files());
    const dag = await buildSnapshotDag(files(), () => {});
    const { blocks } = await carBlocks(car);
    // data.csv is a dag-pb node over two leaves: drop its second leaf.
    const dataCsvNode = blocks.find((b) => b.cid === dag.files.get("data.csv")!.toString())!;
    const secondLeaf = decodePb(dataCsvNode.bytes).Links[1]!.Hash.toString();
    const missing = await rewriteCar(car, (cid) => cid !== secondLeaf);
    expect(await verifyCar(once(missing), files())).toBe(`block ${secondLeaf} of data.csv is missing`);
    const noRoot = await rewriteCar(car, (cid) => cid !== dag.root.toString());
    expect(await verifyCar(once(noRoot), files())).toBe(`block ${dag.root} (the directory) is missing`);
  });

  it("names the file whose bytes differ, and a file the CAR lacks or holds beyond the list", async () => {
    const car = await carBytes(files());
    const changed = Buffer.from(contents["data.csv"]);
    changed[CHUNK + 10]! ^= 0xff;
    expect(await verifyCar(once(car), files({ "data.csv": changed }))).toBe("snapshot.car holds data.csv with other bytes than the file");
    expect(await verifyCar(once(car), [...files(), file("votes.jsonl", "")])).toBe("snapshot.car lacks votes.jsonl");
    expect(await verifyCar(once(car), files().filter((f) => f.name !== "README.md"))).toBe(
      'snapshot.car holds "README.md", which is not one of the files',
    );
  });

  it("refuses a block that is not part of the directory, and a repeated one", async () => {
    const car = await carBytes(files());
    const extra = Buffer.from("not in the snapshot");
    const withExtra = await rewriteCar(car, () => true, [extra]);
    expect(await verifyCar(once(withExtra), files())).toBe(`block ${await fileCid(extra)} is not part of the directory`);
    const readme = await fileCid(contents["README.md"]);
    const twice = await rewriteCar(car, () => true, [Buffer.from(contents["README.md"])]);
    expect(await verifyCar(once(twice), files())).toBe(`block ${readme} appears twice in snapshot.car`);
  });

  it("refuses a CAR whose header names another root, or that is cut short", async () => {
    const car = await carBytes(files());
    const root = await directoryCid(files());
    // The root's first occurrence is in the header; change the last byte of its digest.
    const otherRoot = Buffer.from(car);
    otherRoot[otherRoot.indexOf(CID.parse(root).bytes) + 35]! ^= 0x01;
    expect(await verifyCar(once(otherRoot), files())).toMatch(new RegExp(`^the root of snapshot.car is bafy\\w+, but these files make ${root}$`));
    expect(await verifyCar(once(car.subarray(0, car.length - 5)), files())).toMatch(/^snapshot.car is not a well-formed CARv1: Unexpected end of data/);
    expect(await verifyCar(once(Buffer.from("not a car")), files())).toMatch(/^snapshot.car (is not a well-formed CARv1|starts with)/);
  });
});

describe("memory", () => {
  const dirs: string[] = [];
  afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  // Forced collections make the samples show what is retained, not what garbage is pending.
  setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc") as () => void;
  const retained = () => {
    gc();
    gc();
    const { heapUsed, arrayBuffers } = process.memoryUsage();
    return heapUsed + arrayBuffers;
  };

  it("stays flat while a 20 MiB generated file is written to a CAR and verified", async () => {
    const dir = await mkdtemp(join(tmpdir(), "car-memory-"));
    dirs.push(dir);
    const big: DagFile = { name: "data.jsonl", open: () => kuboRandomBytes(20 * MiB, "memory", 64 * KiB) };
    const carPath = join(dir, "snapshot.car");
    // Earlier tests' buffers may still be on their way out: take the baseline once they are.
    let before = retained();
    for (let i = 0; i < 5; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      before = Math.min(before, retained());
    }
    let peak = 0;
    let samples = 0;
    const sample = () => {
      if (++samples % 50 === 0) peak = Math.max(peak, retained() - before);
    };
    const out = createWriteStream(carPath);
    await writeCar([big], {
      write: (chunk) =>
        new Promise<void>((resolve, reject) => {
          sample();
          out.write(chunk, (error) => (error ? reject(error) : resolve()));
        }),
    });
    await new Promise<void>((resolve) => out.end(resolve));
    async function* sampled(): AsyncGenerator<Uint8Array> {
      for await (const chunk of createReadStream(carPath, { highWaterMark: 64 * KiB })) {
        sample();
        yield chunk as Buffer;
      }
    }
    expect(await verifyCar(sampled(), [big])).toBeNull();
    const after = retained() - before;
    console.log(`20 MiB file: retained heap+buffers grew at most ${(peak / MiB).toFixed(2)} MiB while streaming, ${(after / MiB).toFixed(2)} MiB after`);
    // Holding the file, or the CAR, would show 20 MiB or more.
    expect(samples).toBeGreaterThan(200);
    expect(peak).toBeLessThan(4 * MiB);
    expect(after).toBeLessThan(MiB);
  });
});
