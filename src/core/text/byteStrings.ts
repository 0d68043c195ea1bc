/**
 * A bounded memo of strings decoded from bytes, looked up by the bytes themselves: the same bytes
 * give back the very string object decoded the first time. Exports repeat most of their values
 * (mailboxes, sessions, apps, folders, client strings): a hit makes no new string, and everything
 * downstream that looks the string up in a Map finds the hash V8 keeps in the string object instead
 * of hashing fresh text again.
 *
 * Memory is fixed at construction: `slots` entries of at most `maxBytes` bytes each (longer values
 * are never remembered), one entry per slot, a new value replacing the one in its slot. The caller
 * supplies the hash (it usually computes it while scanning the bytes) and a small `tag` that tells
 * apart byte strings decoded differently (the same bytes under another tag are another entry).
 * Values kept must not share memory with a larger string (no substrings of a whole record), or the
 * memo would keep that larger string alive.
 */
export class ByteStringCache {
  private readonly mask: number;
  private readonly bytes: Uint8Array;
  /** `bytes` four at a time (see `sameAsWords`). */
  private readonly words: Int32Array;
  private readonly lengths: Int32Array;
  private readonly hashes: Int32Array;
  private readonly tags: Uint8Array;
  private readonly values: (string | undefined)[];

  constructor(
    slots = 4096,
    readonly maxBytes = 128,
  ) {
    let size = 1;
    while (size < slots) size *= 2;
    this.mask = size - 1;
    if (maxBytes % 4 !== 0) throw new Error('internal: a byte string cache keeps whole words');
    this.bytes = new Uint8Array(size * maxBytes);
    this.words = new Int32Array(this.bytes.buffer);
    this.lengths = new Int32Array(size).fill(-1);
    this.hashes = new Int32Array(size);
    this.tags = new Uint8Array(size);
    this.values = new Array<string | undefined>(size).fill(undefined);
  }

  /**
   * The slot of a hash, mixed once more so that every bit of it counts (a hash's last steps spread
   * their bytes over few bits: the last four bytes of `hashBytes` after only one multiply).
   */
  slot(hash: number): number {
    const m = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
    return (m ^ (m >>> 13)) & this.mask;
  }

  /**
   * The string remembered for the bytes `buf[start, end)` (of hash `hash`) under `tag`, or
   * undefined; `view` is a DataView of exactly `buf` (the bytes are compared four at a time).
   */
  find(
    buf: Uint8Array,
    view: DataView,
    start: number,
    end: number,
    hash: number,
    tag: number,
  ): string | undefined {
    const s = this.slot(hash);
    const len = end - start;
    if (this.hashes[s] !== hash || this.lengths[s] !== len || this.tags[s] !== tag) return undefined;
    return sameAsWords(buf, view, start, this.words, s * (this.maxBytes >> 2), len)
      ? this.values[s]
      : undefined;
  }

  /**
   * The length of the bytes remembered in slot `s` when `buf` holds exactly them from `start` (not
   * reading at or past `limit`) under `tag`; -1 otherwise. A caller that expects a value it met
   * before (the same field of the record before) checks it here without hashing. `view` as in `find`.
   */
  prefixAt(s: number, buf: Uint8Array, view: DataView, start: number, limit: number, tag: number): number {
    const len = this.lengths[s];
    if (len < 0 || this.tags[s] !== tag || start + len > limit) return -1;
    return sameAsWords(buf, view, start, this.words, s * (this.maxBytes >> 2), len) ? len : -1;
  }

  /** The string remembered in slot `s` (see `prefixAt`). */
  valueAt(s: number): string | undefined {
    return this.values[s];
  }

  /** Remembers `value` as the string of `buf[start, end)` under `tag` (nothing when the bytes are too long). */
  remember(buf: Uint8Array, start: number, end: number, hash: number, tag: number, value: string): void {
    const len = end - start;
    if (len > this.maxBytes) return;
    const s = this.slot(hash);
    const bytes = this.bytes;
    const at = s * this.maxBytes;
    for (let i = 0; i < len; i++) bytes[at + i] = buf[start + i];
    this.lengths[s] = len;
    this.hashes[s] = hash;
    this.tags[s] = tag;
    this.values[s] = value;
  }
}

/** FNV-1a offset basis: the hash of no bytes (see `hashBytes`). */
export const HASH_SEED = 0x811c9dc5 | 0;

/** The hash of the bytes so far (`h`) extended by one byte `c` (an FNV-1a step, 32 bits). */
export function hashByte(h: number, c: number): number {
  return Math.imul(h ^ c, 0x01000193);
}

/**
 * The hash of the bytes so far (`h`) extended by four bytes `w` (little-endian: the first byte in
 * the low bits). A multiply spreads the word upwards and the shift folds the high bits back down,
 * so every byte reaches every bit of a slot number; one step of four bytes is about as long as one
 * byte step, so long values hash about four times faster than byte by byte.
 */
export function hashWord(h: number, w: number): number {
  const m = Math.imul(h ^ w, 0x5bd1e995);
  return m ^ (m >>> 15);
}

/**
 * The hash of `buf[start, end)` from `HASH_SEED`: `hashWord` over each whole four bytes from
 * `start`, then `hashByte` over the one to three left. A scanner that hashes as it reads computes
 * the same number by the same steps.
 */
export function hashBytes(buf: Uint8Array, start: number, end: number): number {
  let h = HASH_SEED;
  let i = start;
  for (; i + 4 <= end; i += 4)
    h = hashWord(h, buf[i] | (buf[i + 1] << 8) | (buf[i + 2] << 16) | (buf[i + 3] << 24));
  for (; i < end; i++) h = Math.imul(h ^ buf[i], 0x01000193);
  return h;
}

/** True when `a[i, i + n)` and `b[j, j + n)` hold the same bytes (four compared a step). */
export function sameBytes(a: Uint8Array, i: number, b: Uint8Array, j: number, n: number): boolean {
  let k = 0;
  for (; k + 4 <= n; k += 4) {
    const d =
      (a[i + k] ^ b[j + k]) |
      (a[i + k + 1] ^ b[j + k + 1]) |
      (a[i + k + 2] ^ b[j + k + 2]) |
      (a[i + k + 3] ^ b[j + k + 3]);
    if (d !== 0) return false;
  }
  for (; k < n; k++) if (a[i + k] !== b[j + k]) return false;
  return true;
}

/**
 * True when `buf[p, p + n)` holds the `n` bytes stored from word `w` of `words` (that is, from byte
 * `4 * w` of its buffer). `view` is a DataView of exactly `buf`: four bytes are compared at a time
 * (little-endian, as an Int32Array holds them on the machines Node runs on; on a big-endian machine
 * this would only answer false, and callers then look up or decode instead), the last one to three
 * as one masked word where four bytes can still be read.
 */
export function sameAsWords(
  buf: Uint8Array,
  view: DataView,
  p: number,
  words: Int32Array,
  w: number,
  n: number,
): boolean {
  if (p + n > buf.length) return false;
  let k = 0;
  for (; k + 4 <= n; k += 4, w++) if (view.getInt32(p + k, true) !== words[w]) return false;
  if (k === n) return true;
  if (p + k + 4 <= buf.length) {
    const mask = (1 << ((n - k) << 3)) - 1;
    return ((view.getInt32(p + k, true) ^ words[w]) & mask) === 0;
  }
  const last = words[w];
  for (let shift = 0; k < n; k++, shift += 8) if (buf[p + k] !== ((last >>> shift) & 0xff)) return false;
  return true;
}
