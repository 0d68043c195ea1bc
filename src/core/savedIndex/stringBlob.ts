import { isAscii } from 'node:buffer';
import { SavedIndexError } from './indexFormat';

/**
 * Strings per segment at most: one segment is decoded into one JS string, which V8 caps at about
 * 2^29 characters; a quarter of that keeps the UTF-8 buffer of a segment well under 1 GiB too.
 */
const SEGMENT_CHARS = 1 << 27;

/** The string table of an index: UTF-8 text of the strings back to back, and their lengths. */
export interface PackedStrings {
  /** UTF-8 bytes of every segment, back to back. */
  blob: Uint8Array;
  /** Length of each string in UTF-16 code units (what `String.prototype.slice` counts). */
  lengths: Int32Array;
  /** Strings, UTF-8 bytes and UTF-16 code units of each segment; `ascii`: one byte per character. */
  segments: { strings: number; bytes: number; chars: number; ascii: boolean }[];
  /**
   * Strings with a lone surrogate (UTF-8 cannot carry one; JSON escapes can produce one): kept
   * here as [index, string], written as JSON; their place in the blob is empty.
   */
  odd: [number, string][];
}

/**
 * Packs a string table so that opening it costs one UTF-8 decode per segment, and a string only
 * the slice of it that a reader asks for (a JSON table made every string at once).
 */
export function packStrings(list: readonly string[]): PackedStrings {
  const lengths = new Int32Array(list.length);
  const segments: PackedStrings['segments'] = [];
  const odd: [number, string][] = [];
  const chunks: Buffer[] = [];
  let pieces: string[] = [];
  let chars = 0;
  const flush = (): void => {
    const bytes = Buffer.from(pieces.join(''), 'utf8');
    chunks.push(bytes);
    segments.push({ strings: pieces.length, bytes: bytes.length, chars, ascii: isAscii(bytes) });
    pieces = [];
    chars = 0;
  };
  for (let i = 0; i < list.length; i++) {
    let s = list[i];
    if (hasLoneSurrogate(s)) {
      odd.push([i, s]);
      s = '';
    }
    if (pieces.length > 0 && chars + s.length > SEGMENT_CHARS) flush();
    lengths[i] = s.length;
    pieces.push(s);
    chars += s.length;
  }
  if (pieces.length > 0 || segments.length === 0) flush();
  return { blob: Buffer.concat(chunks), lengths, segments, odd };
}

/**
 * The strings of a packed table, each made on first use (a slice of its segment's text, which V8
 * shares) and kept: a reopened index makes no string that nothing reads, and decodes a segment's
 * text only when one of its strings is read. The constructor checks that the parts fit together
 * (SavedIndexError otherwise), so `at` never fails later.
 */
export class StringTable {
  readonly size: number;
  private readonly segments: { first: number; from: number; to: number; chars: number; ascii: boolean }[] =
    [];
  private readonly texts: (string | undefined)[] = [];
  /** Start of each string in its segment's text. */
  private readonly starts: Int32Array;
  private readonly cache: (string | undefined)[];
  private readonly buf: Buffer;

  constructor(
    blob: Uint8Array,
    private readonly lengths: Int32Array,
    segments: unknown,
    odd: unknown,
  ) {
    if (!Array.isArray(segments) || !Array.isArray(odd)) throw new SavedIndexError('string table');
    this.buf = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength);
    this.size = lengths.length;
    this.starts = new Int32Array(lengths.length);
    this.cache = new Array<string | undefined>(lengths.length);
    let k = 0;
    let byte = 0;
    for (const seg of segments as Record<string, unknown>[]) {
      const { strings: n, bytes, chars, ascii } = seg ?? {};
      if (
        !isCount(n) ||
        !isCount(bytes) ||
        !isCount(chars) ||
        typeof ascii !== 'boolean' ||
        (ascii && chars !== bytes) ||
        k + n > lengths.length ||
        byte + bytes > this.buf.length
      )
        throw new SavedIndexError('string table segment');
      this.segments.push({ first: k, from: byte, to: byte + bytes, chars, ascii });
      let at = 0;
      for (const end = k + n; k < end; k++) {
        const len = lengths[k];
        if (len < 0 || at + len > chars) throw new SavedIndexError('string table lengths');
        this.starts[k] = at;
        at += len;
      }
      if (at !== chars) throw new SavedIndexError('string table lengths');
      byte += bytes;
    }
    if (k !== lengths.length || byte !== this.buf.length) throw new SavedIndexError('string table size');
    for (const entry of odd as unknown[]) {
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
      const { from, to, chars, ascii } = this.segments[seg];
      text = this.buf.toString(ascii ? 'latin1' : 'utf8', from, to);
      // The checksum covers the bytes; this guards the encoder's own count.
      if (text.length !== chars) throw new SavedIndexError('string table text');
      this.texts[seg] = text;
    }
    return text;
  }
}

function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}

/** True when `s` holds a surrogate not part of a pair (UTF-8 would turn it into U+FFFD). */
export function hasLoneSurrogate(s: string): boolean {
  // Almost every string has no surrogate at all: one scan answers.
  if (!/[\ud800-\udfff]/.test(s)) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        i++;
        continue;
      }
    }
    return true;
  }
  return false;
}
