/**
 * Keccak-256 as Ethereum uses it (original Keccak padding 0x01, not NIST SHA3-256), written for the Merkle builder:
 * its hot calls hash one 64-byte block (`abi.encode` of two words, or a sorted pair of nodes) and then, for leaves,
 * the 32-byte digest again. Those calls read and write preallocated Uint32Arrays and allocate nothing.
 *
 * Speed comes from three choices, all inside `permute`:
 * - the state is 50 locals, not an array, with the round body unrolled;
 * - lanes are bit-interleaved (one word of a lane's even bits, one of its odd bits), so each 64-bit rotation is two
 *   32-bit rotations, which V8 compiles to `ror`;
 * - lane complementing (the "bebigokimisa" pattern of the Keccak team's implementation notes) removes most NOTs
 *   from chi.
 * The permutation was generated, then checked against @noble/hashes on random inputs (keccak.test.ts).
 *
 * Word-level functions (`*Words`) treat a Uint32Array view of bytes as little-endian lane halves, so they need a
 * little-endian platform (every platform Node and browsers run on); they throw otherwise. `keccak256` works on
 * any platform.
 */

/** Bytes absorbed per permutation (1088-bit rate of Keccak-256). */
const RATE = 136;
const PAD_LAST = 0x80000000 | 0;

export const IS_LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

/** Round constants, bit-interleaved: [even word, odd word] per round. */
const RC = new Int32Array([
  0x00000001, 0x00000000, 0x00000000, 0x00000089, 0x00000000, 0x8000008b,
  0x00000000, 0x80008080, 0x00000001, 0x0000008b, 0x00000001, 0x00008000,
  0x00000001, 0x80008088, 0x00000001, 0x80000082, 0x00000000, 0x0000000b,
  0x00000000, 0x0000000a, 0x00000001, 0x00008082, 0x00000000, 0x00008003,
  0x00000001, 0x0000808b, 0x00000001, 0x8000000b, 0x00000001, 0x8000008a,
  0x00000001, 0x80000081, 0x00000000, 0x80000081, 0x00000000, 0x80000008,
  0x00000000, 0x00000083, 0x00000000, 0x80008003, 0x00000001, 0x80008088,
  0x00000000, 0x80000088, 0x00000001, 0x00008000, 0x00000000, 0x80008082,
]);

/**
 * keccak-f[1600] on a bit-interleaved state, in place. Lanes 1, 2, 8, 12, 17 and 20 are complemented on entry and
 * exit so that chi needs one NOT per row. One unrolled round body runs 24 times.
 */
function permute(s: Int32Array): void {
  let a0 = s[0]!, a1 = s[1]!, a2 = ~s[2]!, a3 = ~s[3]!, a4 = ~s[4]!, a5 = ~s[5]!, a6 = s[6]!, a7 = s[7]!, a8 = s[8]!, a9 = s[9]!;
  let a10 = s[10]!, a11 = s[11]!, a12 = s[12]!, a13 = s[13]!, a14 = s[14]!, a15 = s[15]!, a16 = ~s[16]!, a17 = ~s[17]!, a18 = s[18]!, a19 = s[19]!;
  let a20 = s[20]!, a21 = s[21]!, a22 = s[22]!, a23 = s[23]!, a24 = ~s[24]!, a25 = ~s[25]!, a26 = s[26]!, a27 = s[27]!, a28 = s[28]!, a29 = s[29]!;
  let a30 = s[30]!, a31 = s[31]!, a32 = s[32]!, a33 = s[33]!, a34 = ~s[34]!, a35 = ~s[35]!, a36 = s[36]!, a37 = s[37]!, a38 = s[38]!, a39 = s[39]!;
  let a40 = ~s[40]!, a41 = ~s[41]!, a42 = s[42]!, a43 = s[43]!, a44 = s[44]!, a45 = s[45]!, a46 = s[46]!, a47 = s[47]!, a48 = s[48]!, a49 = s[49]!;
  let b0 = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0, b5 = 0, b6 = 0, b7 = 0, b8 = 0, b9 = 0, b10 = 0, b11 = 0, b12 = 0, b13 = 0, b14 = 0, b15 = 0, b16 = 0, b17 = 0, b18 = 0, b19 = 0, b20 = 0, b21 = 0, b22 = 0, b23 = 0, b24 = 0;
  let b25 = 0, b26 = 0, b27 = 0, b28 = 0, b29 = 0, b30 = 0, b31 = 0, b32 = 0, b33 = 0, b34 = 0, b35 = 0, b36 = 0, b37 = 0, b38 = 0, b39 = 0, b40 = 0, b41 = 0, b42 = 0, b43 = 0, b44 = 0, b45 = 0, b46 = 0, b47 = 0, b48 = 0, b49 = 0;
  let c0 = 0, c1 = 0, c2 = 0, c3 = 0, c4 = 0, c5 = 0, c6 = 0, c7 = 0, c8 = 0, c9 = 0;
  let d0 = 0, d1 = 0, d2 = 0, d3 = 0, d4 = 0, d5 = 0, d6 = 0, d7 = 0, d8 = 0, d9 = 0, t0 = 0, t1 = 0;
  for (let r = 0; r < 48; r += 2) {
    // theta
    c0 = a0 ^ a10 ^ a20 ^ a30 ^ a40; c1 = a1 ^ a11 ^ a21 ^ a31 ^ a41;
    c2 = a2 ^ a12 ^ a22 ^ a32 ^ a42; c3 = a3 ^ a13 ^ a23 ^ a33 ^ a43;
    c4 = a4 ^ a14 ^ a24 ^ a34 ^ a44; c5 = a5 ^ a15 ^ a25 ^ a35 ^ a45;
    c6 = a6 ^ a16 ^ a26 ^ a36 ^ a46; c7 = a7 ^ a17 ^ a27 ^ a37 ^ a47;
    c8 = a8 ^ a18 ^ a28 ^ a38 ^ a48; c9 = a9 ^ a19 ^ a29 ^ a39 ^ a49;
    d0 = c8 ^ ((c3 << 1) | (c3 >>> 31)); d1 = c9 ^ c2;
    d2 = c0 ^ ((c5 << 1) | (c5 >>> 31)); d3 = c1 ^ c4;
    d4 = c2 ^ ((c7 << 1) | (c7 >>> 31)); d5 = c3 ^ c6;
    d6 = c4 ^ ((c9 << 1) | (c9 >>> 31)); d7 = c5 ^ c8;
    d8 = c6 ^ ((c1 << 1) | (c1 >>> 31)); d9 = c7 ^ c0;
    // rho and pi
    b0 = a0 ^ d0; b1 = a1 ^ d1;
    t0 = a10 ^ d0; t1 = a11 ^ d1; b32 = (t0 << 18) | (t0 >>> 14); b33 = (t1 << 18) | (t1 >>> 14);
    t0 = a20 ^ d0; t1 = a21 ^ d1; b14 = (t1 << 2) | (t1 >>> 30); b15 = (t0 << 1) | (t0 >>> 31);
    t0 = a30 ^ d0; t1 = a31 ^ d1; b46 = (t1 << 21) | (t1 >>> 11); b47 = (t0 << 20) | (t0 >>> 12);
    t0 = a40 ^ d0; t1 = a41 ^ d1; b28 = (t0 << 9) | (t0 >>> 23); b29 = (t1 << 9) | (t1 >>> 23);
    t0 = a2 ^ d2; t1 = a3 ^ d3; b20 = (t1 << 1) | (t1 >>> 31); b21 = t0;
    t0 = a12 ^ d2; t1 = a13 ^ d3; b2 = (t0 << 22) | (t0 >>> 10); b3 = (t1 << 22) | (t1 >>> 10);
    t0 = a22 ^ d2; t1 = a23 ^ d3; b34 = (t0 << 5) | (t0 >>> 27); b35 = (t1 << 5) | (t1 >>> 27);
    t0 = a32 ^ d2; t1 = a33 ^ d3; b16 = (t1 << 23) | (t1 >>> 9); b17 = (t0 << 22) | (t0 >>> 10);
    t0 = a42 ^ d2; t1 = a43 ^ d3; b48 = (t0 << 1) | (t0 >>> 31); b49 = (t1 << 1) | (t1 >>> 31);
    t0 = a4 ^ d4; t1 = a5 ^ d5; b40 = (t0 << 31) | (t0 >>> 1); b41 = (t1 << 31) | (t1 >>> 1);
    t0 = a14 ^ d4; t1 = a15 ^ d5; b22 = (t0 << 3) | (t0 >>> 29); b23 = (t1 << 3) | (t1 >>> 29);
    t0 = a24 ^ d4; t1 = a25 ^ d5; b4 = (t1 << 22) | (t1 >>> 10); b5 = (t0 << 21) | (t0 >>> 11);
    t0 = a34 ^ d4; t1 = a35 ^ d5; b36 = (t1 << 8) | (t1 >>> 24); b37 = (t0 << 7) | (t0 >>> 25);
    t0 = a44 ^ d4; t1 = a45 ^ d5; b18 = (t1 << 31) | (t1 >>> 1); b19 = (t0 << 30) | (t0 >>> 2);
    t0 = a6 ^ d6; t1 = a7 ^ d7; b10 = (t0 << 14) | (t0 >>> 18); b11 = (t1 << 14) | (t1 >>> 18);
    t0 = a16 ^ d6; t1 = a17 ^ d7; b42 = (t1 << 28) | (t1 >>> 4); b43 = (t0 << 27) | (t0 >>> 5);
    t0 = a26 ^ d6; t1 = a27 ^ d7; b24 = (t1 << 13) | (t1 >>> 19); b25 = (t0 << 12) | (t0 >>> 20);
    t0 = a36 ^ d6; t1 = a37 ^ d7; b6 = (t1 << 11) | (t1 >>> 21); b7 = (t0 << 10) | (t0 >>> 22);
    t0 = a46 ^ d6; t1 = a47 ^ d7; b38 = (t0 << 28) | (t0 >>> 4); b39 = (t1 << 28) | (t1 >>> 4);
    t0 = a8 ^ d8; t1 = a9 ^ d9; b30 = (t1 << 14) | (t1 >>> 18); b31 = (t0 << 13) | (t0 >>> 19);
    t0 = a18 ^ d8; t1 = a19 ^ d9; b12 = (t0 << 10) | (t0 >>> 22); b13 = (t1 << 10) | (t1 >>> 22);
    t0 = a28 ^ d8; t1 = a29 ^ d9; b44 = (t1 << 20) | (t1 >>> 12); b45 = (t0 << 19) | (t0 >>> 13);
    t0 = a38 ^ d8; t1 = a39 ^ d9; b26 = (t0 << 4) | (t0 >>> 28); b27 = (t1 << 4) | (t1 >>> 28);
    t0 = a48 ^ d8; t1 = a49 ^ d9; b8 = (t0 << 7) | (t0 >>> 25); b9 = (t1 << 7) | (t1 >>> 25);
    // chi on complemented lanes, then iota
    a0 = b0 ^ (b2 | b4); a1 = b1 ^ (b3 | b5);
    a2 = b2 ^ (~b4 | b6); a3 = b3 ^ (~b5 | b7);
    a4 = b4 ^ (b6 & b8); a5 = b5 ^ (b7 & b9);
    a6 = b6 ^ (b8 | b0); a7 = b7 ^ (b9 | b1);
    a8 = b8 ^ (b0 & b2); a9 = b9 ^ (b1 & b3);
    a10 = b10 ^ (b12 | b14); a11 = b11 ^ (b13 | b15);
    a12 = b12 ^ (b14 & b16); a13 = b13 ^ (b15 & b17);
    a14 = b14 ^ (b16 | ~b18); a15 = b15 ^ (b17 | ~b19);
    a16 = b16 ^ (b18 | b10); a17 = b17 ^ (b19 | b11);
    a18 = b18 ^ (b10 & b12); a19 = b19 ^ (b11 & b13);
    a20 = b20 ^ (b22 | b24); a21 = b21 ^ (b23 | b25);
    a22 = b22 ^ (b24 & b26); a23 = b23 ^ (b25 & b27);
    a24 = b24 ^ (~b26 & b28); a25 = b25 ^ (~b27 & b29);
    a26 = ~b26 ^ (b28 | b20); a27 = ~b27 ^ (b29 | b21);
    a28 = b28 ^ (b20 & b22); a29 = b29 ^ (b21 & b23);
    a30 = b30 ^ (b32 & b34); a31 = b31 ^ (b33 & b35);
    a32 = b32 ^ (b34 | b36); a33 = b33 ^ (b35 | b37);
    a34 = b34 ^ (~b36 | b38); a35 = b35 ^ (~b37 | b39);
    a36 = ~b36 ^ (b38 & b30); a37 = ~b37 ^ (b39 & b31);
    a38 = b38 ^ (b30 | b32); a39 = b39 ^ (b31 | b33);
    a40 = b40 ^ (~b42 & b44); a41 = b41 ^ (~b43 & b45);
    a42 = ~b42 ^ (b44 | b46); a43 = ~b43 ^ (b45 | b47);
    a44 = b44 ^ (b46 & b48); a45 = b45 ^ (b47 & b49);
    a46 = b46 ^ (b48 | b40); a47 = b47 ^ (b49 | b41);
    a48 = b48 ^ (b40 & b42); a49 = b49 ^ (b41 & b43);
    a0 ^= RC[r]!; a1 ^= RC[r + 1]!;
  }
  s[0] = a0; s[1] = a1; s[2] = ~a2; s[3] = ~a3; s[4] = ~a4;
  s[5] = ~a5; s[6] = a6; s[7] = a7; s[8] = a8; s[9] = a9;
  s[10] = a10; s[11] = a11; s[12] = a12; s[13] = a13; s[14] = a14;
  s[15] = a15; s[16] = ~a16; s[17] = ~a17; s[18] = a18; s[19] = a19;
  s[20] = a20; s[21] = a21; s[22] = a22; s[23] = a23; s[24] = ~a24;
  s[25] = ~a25; s[26] = a26; s[27] = a27; s[28] = a28; s[29] = a29;
  s[30] = a30; s[31] = a31; s[32] = a32; s[33] = a33; s[34] = ~a34;
  s[35] = ~a35; s[36] = a36; s[37] = a37; s[38] = a38; s[39] = a39;
  s[40] = ~a40; s[41] = ~a41; s[42] = a42; s[43] = a43; s[44] = a44;
  s[45] = a45; s[46] = a46; s[47] = a47; s[48] = a48; s[49] = a49;
}

/** The sponge state, bit-interleaved: S[2k] holds the even bits of lane k, S[2k + 1] its odd bits. */
const S = new Int32Array(50);
const BLOCK = new Uint8Array(RATE);
const DIGEST = new Uint8Array(32);

/** Moves the even bits of x to its low half and the odd bits to its high half. */
function unshuffle(x: number): number {
  let t = (x ^ (x >>> 1)) & 0x22222222;
  x ^= t ^ (t << 1);
  t = (x ^ (x >>> 2)) & 0x0c0c0c0c;
  x ^= t ^ (t << 2);
  t = (x ^ (x >>> 4)) & 0x00f000f0;
  x ^= t ^ (t << 4);
  t = (x ^ (x >>> 8)) & 0x0000ff00;
  return x ^ t ^ (t << 8);
}

/** Inverse of `unshuffle`. */
function shuffle(x: number): number {
  let t = (x ^ (x >>> 8)) & 0x0000ff00;
  x ^= t ^ (t << 8);
  t = (x ^ (x >>> 4)) & 0x00f000f0;
  x ^= t ^ (t << 4);
  t = (x ^ (x >>> 2)) & 0x0c0c0c0c;
  x ^= t ^ (t << 2);
  t = (x ^ (x >>> 1)) & 0x22222222;
  return x ^ t ^ (t << 1);
}

/** XORs the 64-bit lane (lo, hi) into lane k of the state. */
function xorLane(k: number, lo: number, hi: number): void {
  const u = unshuffle(lo);
  const v = unshuffle(hi);
  S[2 * k] = S[2 * k]! ^ ((u & 0xffff) | (v << 16));
  S[2 * k + 1] = S[2 * k + 1]! ^ ((u >>> 16) | (v & 0xffff0000));
}

/** Sets lane k of the state to (lo, hi). */
function setLane(k: number, lo: number, hi: number): void {
  const u = unshuffle(lo);
  const v = unshuffle(hi);
  S[2 * k] = (u & 0xffff) | (v << 16);
  S[2 * k + 1] = (u >>> 16) | (v & 0xffff0000);
}

/** Clears lanes from..24 and pads a message that ended at lane `from` (a multiple of 8 bytes), then permutes. */
function padAndPermute(from: number): void {
  for (let i = 2 * from; i < 50; i++) S[i] = 0;
  S[2 * from] = 1;
  S[33] = PAD_LAST;
  permute(S);
}

/** Writes the 32-byte digest (lanes 0..3) as 8 little-endian words. */
function squeezeWords(dst: Uint32Array, at: number): void {
  for (let k = 0; k < 4; k++) {
    const e = S[2 * k]!;
    const o = S[2 * k + 1]!;
    dst[at + 2 * k] = shuffle((e & 0xffff) | (o << 16));
    dst[at + 2 * k + 1] = shuffle((e >>> 16) | (o & 0xffff0000));
  }
}

function readWordLE(b: Uint8Array, i: number): number {
  return b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24);
}

function assertLittleEndian(): void {
  if (!IS_LITTLE_ENDIAN) throw new Error("keccak word functions need a little-endian platform");
}

/** keccak256 of any bytes into out[outAt..outAt+32). Allocates nothing. */
export function keccak256Into(data: Uint8Array, out: Uint8Array, outAt = 0): void {
  S.fill(0);
  const len = data.length;
  let off = 0;
  for (; len - off >= RATE; off += RATE) {
    for (let k = 0; k < 17; k++) xorLane(k, readWordLE(data, off + 8 * k), readWordLE(data, off + 8 * k + 4));
    permute(S);
  }
  BLOCK.fill(0);
  for (let i = off; i < len; i++) BLOCK[i - off] = data[i]!;
  BLOCK[len - off] = 0x01;
  BLOCK[RATE - 1]! |= 0x80;
  for (let k = 0; k < 17; k++) xorLane(k, readWordLE(BLOCK, 8 * k), readWordLE(BLOCK, 8 * k + 4));
  permute(S);
  for (let k = 0; k < 4; k++) {
    const e = S[2 * k]!;
    const o = S[2 * k + 1]!;
    writeWordLE(out, outAt + 8 * k, shuffle((e & 0xffff) | (o << 16)));
    writeWordLE(out, outAt + 8 * k + 4, shuffle((e >>> 16) | (o & 0xffff0000)));
  }
}

function writeWordLE(b: Uint8Array, i: number, w: number): void {
  b[i] = w;
  b[i + 1] = w >>> 8;
  b[i + 2] = w >>> 16;
  b[i + 3] = w >>> 24;
}

/** keccak256 of any bytes, as a new 32-byte array. */
export function keccak256(data: Uint8Array): Uint8Array {
  keccak256Into(data, DIGEST, 0);
  return DIGEST.slice();
}

/**
 * OpenZeppelin's standard leaf: keccak256(keccak256(block)) of the 64-byte block src[at..at+16) (the `abi.encode`
 * of two 32-byte words), written to dst[dstAt..dstAt+8). dst may overlap src.
 */
export function leafHashWords(src: Uint32Array, at: number, dst: Uint32Array, dstAt: number): void {
  assertLittleEndian();
  for (let k = 0; k < 8; k++) setLane(k, src[at + 2 * k]!, src[at + 2 * k + 1]!);
  padAndPermute(8);
  // The first digest is lanes 0..3 already; only the padding of a 32-byte message is new.
  padAndPermute(4);
  squeezeWords(dst, dstAt);
}

/**
 * OpenZeppelin's node hash: keccak256 of the two 32-byte nodes a and b concatenated in ascending byte order
 * (commutative, as Solidity's MerkleProof expects), written to dst[dstAt..dstAt+8). dst may overlap a or b.
 */
export function sortedPairHashWords(
  a: Uint32Array,
  aAt: number,
  b: Uint32Array,
  bAt: number,
  dst: Uint32Array,
  dstAt: number,
): void {
  assertLittleEndian();
  const aFirst = compareHashWords(a, aAt, b, bAt) <= 0;
  const first = aFirst ? a : b;
  const firstAt = aFirst ? aAt : bAt;
  const second = aFirst ? b : a;
  const secondAt = aFirst ? bAt : aAt;
  for (let k = 0; k < 4; k++) setLane(k, first[firstAt + 2 * k]!, first[firstAt + 2 * k + 1]!);
  for (let k = 0; k < 4; k++) setLane(k + 4, second[secondAt + 2 * k]!, second[secondAt + 2 * k + 1]!);
  padAndPermute(8);
  squeezeWords(dst, dstAt);
}

/** The word as its 4 bytes read big-endian, so numeric order is byte order. */
export function bigEndianWord(w: number): number {
  return (((w & 0xff) << 24) | ((w & 0xff00) << 8) | ((w >>> 8) & 0xff00) | (w >>> 24)) >>> 0;
}

/** Compares two 32-byte hashes given as little-endian word views, in byte (big-endian numeric) order. */
export function compareHashWords(a: Uint32Array, aAt: number, b: Uint32Array, bAt: number): number {
  for (let i = 0; i < 8; i++) {
    const x = a[aAt + i]!;
    const y = b[bAt + i]!;
    if (x !== y) return bigEndianWord(x) < bigEndianWord(y) ? -1 : 1;
  }
  return 0;
}
