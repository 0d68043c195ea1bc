import { ByteStringCache, HASH_SEED, hashByte, hashBytes, hashWord } from '../text/byteStrings';
import { REPEATED_MAX_BYTES, REPEATED_SLOTS } from './auditKeys';
import type { Scalar } from './pickedObjects';

export const QUOTE = 0x22;
const BACKSLASH = 0x5c;
export const COMMA = 0x2c;
export const COLON = 0x3a;
export const OPEN_BRACE = 0x7b;
export const CLOSE_BRACE = 0x7d;
export const OPEN_BRACKET = 0x5b;
export const CLOSE_BRACKET = 0x5d;
export const SPACE = 0x20;
const MINUS = 0x2d;
const ZERO = 0x30;
const NINE = 0x39;

/** 1 for the bytes a string holds as they are: printable ASCII other than `"` and `\`. */
export const PLAIN = new Uint8Array(256);
for (let c = 0x20; c < 0x80; c++) PLAIN[c] = c === QUOTE || c === BACKSLASH ? 0 : 1;

/**
 * Nonzero when one of the four bytes of `x` (a little-endian word) is not `PLAIN`: a `"` or `\\`, a
 * control character below 0x20, or a byte from 0x80. Each test is exact for a word with no such byte
 * (no borrow then crosses a byte), so a word passes exactly when its four bytes are plain; one test
 * of a word read at once replaces four table look-ups.
 */
export function notPlain(x: number): number {
  const quote = x ^ 0x22222222;
  const backslash = x ^ 0x5c5c5c5c;
  return (
    (((quote - 0x01010101) & ~quote) |
      ((backslash - 0x01010101) & ~backslash) |
      ((x - 0x20202020) & ~x) |
      x) &
    0x80808080
  );
}

/** String flags of the last scanned string. */
const HAS_ESCAPE = 1;
const NON_ASCII = 2;

/** Fields `repeated` tells apart (a caller's numbering, below this). */
export const FIELDS = 256;

/** Nesting beyond this is left to the full parse (keeps this parser's recursion shallow). */
export const MAX_DEPTH = 64;

/** Thrown (never escapes `pickAuditBytes`) when the full parse must decide; made once, thrown often. */
export const BAIL = new Error('the full parse decides');

/** Buffer's own Latin-1 decoder, without `toString`'s argument checks (the scanner's bounds are sound). */
interface Latin1Slicer {
  latin1Slice(start: number, end: number): string;
}
const latin1 = (buf: Buffer, start: number, end: number): string =>
  (buf as unknown as Latin1Slicer).latin1Slice(start, end);

function isHex(c: number): boolean {
  return (c >= ZERO && c <= NINE) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x66);
}

/**
 * A JSON scanner over UTF-8 bytes (optionally a quoted CSV cell's, every quote doubled): validates
 * values by the JSON grammar and reads scalars exactly as JSON.parse gives them; anything it cannot
 * vouch for throws `BAIL`. The AuditData picker (auditBytes.ts) builds on it.
 */
export class JsonBytes {
  buf: Buffer = Buffer.alloc(0);
  /** `buf` read four bytes at a time (string scans, memo and key comparisons); set with `buf`. */
  view: DataView = new DataView(new ArrayBuffer(0));
  p = 0;
  end = 0;
  /** Quotes are doubled (the text of a quoted CSV cell before un-doubling). */
  doubled = false;
  s0 = 0;
  s1 = 0;
  sFlags = 0;
  /** Strings of repeated values by their bytes (see `repeated`). */
  readonly memo = new ByteStringCache(REPEATED_SLOTS, REPEATED_MAX_BYTES);
  /** The memo slot of each field's last value (-1: none). */
  readonly lastEntry = new Int32Array(FIELDS).fill(-1);

  ws(): void {
    const buf = this.buf;
    let p = this.p;
    while (p < this.end) {
      const c = buf[p];
      if (c !== SPACE && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
      p++;
    }
    this.p = p;
  }

  /** The unit at `p` after whitespace (-1 at the end). */
  peek(): number {
    this.ws();
    return this.p < this.end ? this.buf[this.p] : -1;
  }

  expect(c: number): void {
    if (this.peek() !== c) throw BAIL;
    this.p++;
  }

  /** Scans the string opening at `p`; its content is `[s0, s1)` with flags `sFlags`. */
  str(): void {
    const buf = this.buf;
    const end = this.end;
    const q = this.doubled ? 2 : 1;
    let p = this.p;
    if (buf[p] !== QUOTE || (q === 2 && (p + 1 >= end || buf[p + 1] !== QUOTE))) throw BAIL;
    p += q;
    const s0 = p;
    let flags = 0;
    const view = this.view;
    for (;;) {
      // Four bytes a step (one word read and tested), then byte by byte.
      while (p + 4 <= end && notPlain(view.getInt32(p, true)) === 0) p += 4;
      while (p < end && PLAIN[buf[p]] === 1) p++;
      if (p >= end) throw BAIL;
      const c = buf[p];
      if (c === QUOTE) break;
      if (c === BACKSLASH) {
        flags |= HAS_ESCAPE;
        if (p + 1 >= end) throw BAIL;
        const d = buf[p + 1];
        if (d === QUOTE) {
          if (q === 2 && (p + 2 >= end || buf[p + 2] !== QUOTE)) throw BAIL;
          p += 1 + q;
        } else if (
          d === BACKSLASH ||
          d === 0x2f ||
          d === 0x62 ||
          d === 0x66 ||
          d === 0x6e ||
          d === 0x72 ||
          d === 0x74
        ) {
          p += 2;
        } else if (d === 0x75) {
          if (p + 6 > end) throw BAIL;
          if (!(isHex(buf[p + 2]) && isHex(buf[p + 3]) && isHex(buf[p + 4]) && isHex(buf[p + 5]))) throw BAIL;
          p += 6;
        } else {
          throw BAIL;
        }
        continue;
      }
      if (c < SPACE) throw BAIL;
      if (c >= 0x80) flags |= NON_ASCII;
      p++;
    }
    if (q === 2 && (p + 1 >= end || buf[p + 1] !== QUOTE)) throw BAIL;
    this.s0 = s0;
    this.s1 = p;
    this.sFlags = flags;
    this.p = p + q;
  }

  /** The value of the string opening at `p`, exactly as JSON.parse gives it. */
  strValue(): string {
    this.str();
    // Plain ASCII: one byte is one character.
    if (this.sFlags === 0) return latin1(this.buf, this.s0, this.s1);
    return this.decoded();
  }

  /**
   * `strValue` for a value that repeats across records: the same bytes give back the same string
   * object (`memo`), made on a miss as a string of its own. `field` (< `FIELDS`) names the field read: the value it had
   * last time is tried first, by comparing bytes, before any hashing (many fields hold the same
   * value record after record: the operation, tenant, property names, apps). Leaves `s0`, `s1` and
   * `sFlags` unset when that value is found again.
   */
  repeated(field: number): string {
    const buf = this.buf;
    const end = this.end;
    const start = this.p;
    const q = this.doubled ? 2 : 1;
    const last = this.lastEntry[field];
    if (last >= 0 && (q === 1 || buf[start + 1] === QUOTE)) {
      // The remembered bytes are a whole valid string content under this quoting (the memo's tag),
      // so when the closing quote follows them right away, this string is exactly that one.
      const s0 = start + q;
      const n = this.memo.prefixAt(last, buf, this.view, s0, end - q, q);
      if (n >= 0 && buf[s0 + n] === QUOTE && (q === 1 || buf[s0 + n + 1] === QUOTE)) {
        this.p = s0 + n + q;
        return this.memo.valueAt(last) as string;
      }
    }
    // The common value, plain ASCII, is hashed as it is scanned (as `hashBytes` does: four bytes a
    // step, then byte by byte); anything else is scanned by `str`.
    let p = start + q;
    let h = HASH_SEED;
    const view = this.view;
    while (p + 4 <= end) {
      // The word tested is the word hashed (`hashBytes` reads the same four bytes little-endian).
      const w = view.getInt32(p, true);
      if (notPlain(w) !== 0) break;
      h = hashWord(h, w);
      p += 4;
    }
    while (p < end) {
      const c = buf[p];
      if (PLAIN[c] !== 1) break;
      h = hashByte(h, c);
      p++;
    }
    if (
      p < end &&
      buf[p] === QUOTE &&
      (q === 1 || (buf[start + 1] === QUOTE && p + 1 < end && buf[p + 1] === QUOTE))
    ) {
      this.s0 = start + q;
      this.s1 = p;
      this.sFlags = 0;
      this.p = p + q;
    } else {
      this.str();
      h = hashBytes(buf, this.s0, this.s1);
    }
    const { s0, s1 } = this;
    if (s1 - s0 > REPEATED_MAX_BYTES) {
      this.lastEntry[field] = -1;
      return this.sFlags === 0 ? latin1(buf, s0, s1) : this.decoded();
    }
    const tag = q;
    let value = this.memo.find(buf, this.view, s0, s1, h, tag);
    if (value === undefined) {
      value = this.sFlags === 0 ? latin1(buf, s0, s1) : this.decoded();
      this.memo.remember(buf, s0, s1, h, tag, value);
    }
    this.lastEntry[field] = this.memo.slot(h);
    return value;
  }

  /** The last scanned string (escapes or non-ASCII), decoded as JSON.parse decodes it. */
  decoded(): string {
    const { buf, s0, s1, sFlags } = this;
    if ((sFlags & HAS_ESCAPE) === 0) return buf.toString('utf8', s0, s1);
    let raw = buf.toString('utf8', s0, s1);
    // Doubled quotes occur only inside `\""` escapes here; undo them, then let JSON decode escapes.
    if (this.doubled) raw = raw.replaceAll('""', '"');
    return JSON.parse(`"${raw}"`) as string;
  }

  /** The number at `p` (JSON grammar), as JSON.parse gives it. */
  num(): number {
    const buf = this.buf;
    const end = this.end;
    const start = this.p;
    let p = start;
    let neg = false;
    if (buf[p] === MINUS) {
      neg = true;
      p++;
    }
    let c = p < end ? buf[p] : -1;
    let v = 0;
    let digits = 0;
    if (c === ZERO) {
      p++;
      digits = 1;
    } else if (c > ZERO && c <= NINE) {
      while (p < end && (c = buf[p]) >= ZERO && c <= NINE) {
        v = v * 10 + (c - ZERO);
        p++;
        digits++;
      }
    } else {
      throw BAIL;
    }
    let simple = true;
    if (p < end && buf[p] === 0x2e) {
      simple = false;
      p = this.digits(p + 1);
    }
    if (p < end && (buf[p] | 0x20) === 0x65) {
      simple = false;
      p++;
      if (p < end && (buf[p] === 0x2b || buf[p] === MINUS)) p++;
      p = this.digits(p);
    }
    this.p = p;
    if (simple && digits <= 15) return neg ? -v : v;
    return Number(buf.toString('latin1', start, p));
  }

  /** Index after one or more digits starting at `p`. */
  digits(p: number): number {
    const start = p;
    while (p < this.end && this.buf[p] >= ZERO && this.buf[p] <= NINE) p++;
    if (p === start) throw BAIL;
    return p;
  }

  literal(text: string, value: boolean | null): boolean | null {
    const buf = this.buf;
    const p = this.p;
    if (p + text.length > this.end) throw BAIL;
    for (let i = 0; i < text.length; i++) if (buf[p + i] !== text.charCodeAt(i)) throw BAIL;
    this.p = p + text.length;
    return value;
  }

  /** A string, number, true, false or null; an object or array is left to the full parse. */
  scalar(): Scalar {
    const c = this.peek();
    if (c === QUOTE) return this.strValue();
    if (c === MINUS || (c >= ZERO && c <= NINE)) return this.num();
    if (c === 0x74) return this.literal('true', true);
    if (c === 0x66) return this.literal('false', false);
    if (c === 0x6e) return this.literal('null', null);
    throw BAIL;
  }

  /** Validates any value and builds nothing. */
  skip(depth: number): void {
    const c = this.peek();
    if (c === QUOTE) {
      this.str();
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (depth >= MAX_DEPTH) throw BAIL;
      const close = c === OPEN_BRACE ? CLOSE_BRACE : CLOSE_BRACKET;
      this.p++;
      if (this.peek() === close) {
        this.p++;
        return;
      }
      for (;;) {
        if (c === OPEN_BRACE) {
          this.ws();
          this.str();
          this.expect(COLON);
        }
        this.skip(depth + 1);
        const n = this.peek();
        this.p++;
        if (n === close) return;
        if (n !== COMMA) throw BAIL;
      }
    } else {
      this.scalar();
    }
  }
}
