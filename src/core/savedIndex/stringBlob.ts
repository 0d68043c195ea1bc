import { SavedIndexError } from './indexFormat';

/**
 * Strings per segment at most: one segment is decoded into one JS string, which V8 caps at about
 * 2^29 characters (a Latin-1 segment is one byte per character).
 */
const SEGMENT_CHARS = 1 << 27;

/** The string table of an index: Latin-1 text of the strings back to back, and their lengths. */
export interface PackedStrings {
  /** Latin-1 bytes of every segment, back to back (one byte per character). */
  blob: Uint8Array;
  /** Length of each string in characters (0 for the strings in `wide`). */
  lengths: Int32Array;
  /** Strings (and so bytes) of each segment. */
  segments: { strings: number; bytes: number }[];
  /**
   * Strings with a character beyond U+00FF, as [index, string], written as JSON (a few subjects
   * and names, usually): V8 keeps a string made from Latin-1 text in one byte per character, and
   * a slice of a text that holds even one wider character in two, which doubled the memory of
   * every string and slowed every string operation on them.
   */
  wide: [number, string][];
}

/**
 * Packs a string table so that opening it costs one Latin-1 decode per segment, and a string only
 * the slice of it that a reader asks for (a JSON table made every string at once). The text is
 * written string by string into one buffer: joining the strings first, then copying the buffers
 * of the segments together, held the table's text three times at once at the end of an index write.
 */
export function packStrings(list: readonly string[], segmentChars = SEGMENT_CHARS): PackedStrings {
  const lengths = new Int32Array(list.length);
  const segments: PackedStrings['segments'] = [];
  const wide: [number, string][] = [];
  let strings = 0;
  let chars = 0;
  let total = 0;
  for (let i = 0; i < list.length; i++) {
    const s = list[i];
    let length = s.length;
    if (WIDE.test(s)) {
      // Held in `wide`; its length in the table is 0.
      wide.push([i, s]);
      length = 0;
    }
    if (strings > 0 && chars + length > segmentChars) {
      segments.push({ strings, bytes: chars });
      strings = 0;
      chars = 0;
    }
    lengths[i] = length;
    strings++;
    chars += length;
    total += length;
  }
  if (strings > 0 || segments.length === 0) segments.push({ strings, bytes: chars });
  const blob = Buffer.allocUnsafe(total);
  let at = 0;
  for (let i = 0; i < list.length; i++) {
    if (lengths[i] === 0) continue;
    at += blob.write(list[i], at, 'latin1');
  }
  return { blob, lengths, segments, wide };
}

/** A character Latin-1 cannot hold. */
const WIDE = /[\u0100-\uffff]/;

/**
 * The strings of a packed table, each made on first use (a slice of its segment's text, which V8
 * shares; one byte per character) and kept: a reopened index makes no string that nothing reads, and decodes a segment's
 * text only when one of its strings is read. The constructor checks that the parts fit together
 * (SavedIndexError otherwise), so `at` never fails later.
 */
export class StringTable {
  readonly size: number;
  private readonly segments: { first: number; from: number; to: number }[] = [];
  private readonly texts: (string | undefined)[] = [];
  /** Start of each string in its segment's text. */
  private readonly starts: Int32Array;
  private readonly cache: (string | undefined)[];
  private readonly buf: Buffer;

  constructor(
    blob: Uint8Array,
    private readonly lengths: Int32Array,
    segments: unknown,
    wide: unknown,
  ) {
    if (!Array.isArray(segments) || !Array.isArray(wide)) throw new SavedIndexError('string table');
    this.buf = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength);
    this.size = lengths.length;
    this.starts = new Int32Array(lengths.length);
    this.cache = new Array<string | undefined>(lengths.length);
    let k = 0;
    let byte = 0;
    for (const seg of segments as Record<string, unknown>[]) {
      const { strings: n, bytes } = seg ?? {};
      if (!isCount(n) || !isCount(bytes) || k + n > lengths.length || byte + bytes > this.buf.length)
        throw new SavedIndexError('string table segment');
      this.segments.push({ first: k, from: byte, to: byte + bytes });
      let at = 0;
      for (const end = k + n; k < end; k++) {
        const len = lengths[k];
        if (len < 0 || at + len > bytes) throw new SavedIndexError('string table lengths');
        this.starts[k] = at;
        at += len;
      }
      if (at !== bytes) throw new SavedIndexError('string table lengths');
      byte += bytes;
    }
    if (k !== lengths.length || byte !== this.buf.length) throw new SavedIndexError('string table size');
    for (const entry of wide as unknown[]) {
      const [i, s] = Array.isArray(entry) ? (entry as unknown[]) : [];
      if (typeof i !== 'number' || !Number.isInteger(i) || i < 0 || i >= k || typeof s !== 'string')
        throw new SavedIndexError('string table entry');
      this.cache[i] = s;
    }
  }

  /** String `k` (0 ≤ k < size: the decoder checked every reference). */
  at(k: number): string {
    const hit = this.cache[k];
    if (hit !== undefined) return hit;
    let seg = this.segments.length - 1;
    while (this.segments[seg].first > k) seg--;
    const start = this.starts[k];
    return (this.cache[k] = this.text(seg).slice(start, start + this.lengths[k]));
  }

  private text(seg: number): string {
    let text = this.texts[seg];
    if (text === undefined) {
      const { from, to } = this.segments[seg];
      text = this.buf.toString('latin1', from, to);
      this.texts[seg] = text;
    }
    return text;
  }
}

function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}
