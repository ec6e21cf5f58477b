/**
 * The IPLD/UnixFS libraries, loaded once. They are ESM-only and export their files under the "import" condition
 * alone, while this package is CommonJS: under tsx (scripts, benches, the commonplace-verify CLI) a static import
 * compiles to require(), which cannot resolve them. import() goes through Node's ESM resolver and works everywhere
 * (tsx, Vitest, Next's server bundle), so every use goes through `ipld()`; type-only imports are fine.
 */
async function load() {
  const [writer, decoder, dagPb, unixfs, importer, chunker, layout, multiformats, raw, sha2] = await Promise.all([
    import("@ipld/car/writer"),
    import("@ipld/car/decoder"),
    import("@ipld/dag-pb"),
    import("ipfs-unixfs"),
    import("ipfs-unixfs-importer"),
    import("ipfs-unixfs-importer/chunker"),
    import("ipfs-unixfs-importer/layout"),
    import("multiformats"),
    import("multiformats/codecs/raw"),
    import("multiformats/hashes/sha2"),
  ]);
  return {
    CarWriter: writer.CarWriter,
    asyncIterableReader: decoder.asyncIterableReader,
    readHeader: decoder.readHeader,
    readBlockHead: decoder.readBlockHead,
    dagPb,
    UnixFS: unixfs.UnixFS,
    importer: importer.importer,
    fixedSize: chunker.fixedSize,
    balanced: layout.balanced,
    varint: multiformats.varint,
    bytesEqual: multiformats.bytes.equals,
    rawCode: raw.code,
    sha256Code: sha2.sha256.code,
  };
}

export type Ipld = Awaited<ReturnType<typeof load>>;

let loaded: Promise<Ipld> | undefined;

export function ipld(): Promise<Ipld> {
  loaded ??= load();
  return loaded;
}
