/**
 * The typed arrays' `set`, called directly: read as a method of a Buffer, optimised code looked it
 * up through the generic property lookup on every call (`raw` copies a few dozen pieces per message
 * of a report; 12–15 ns a piece instead of 17–20).
 */
// eslint-disable-next-line @typescript-eslint/unbound-method -- always called with `.call(bytes, …)`
const copyInto = Uint8Array.prototype.set;

/**
 * Text written as UTF-8 straight into one growing byte buffer. The JSON report's messages are
 * written through this: pushing a few dozen strings per message to an array, joining them and
 * encoding the joined text cost more than writing the bytes (the join alone was the largest cost of
 * the write). ASCII is copied by a plain loop; anything else goes to the UTF-8 encoder.
 */
export class ByteText {
  /** The bytes written so far are `bytes[0 … length)`. */
  bytes: Buffer;
  length = 0;

  constructor(capacity = 1 << 16) {
    this.bytes = Buffer.allocUnsafe(Math.max(capacity, 16));
  }

  /** Starts over (the buffer is kept). */
  clear(): void {
    this.length = 0;
  }

  /** The bytes written, as a view: valid until the next write or `clear`. */
  view(): Uint8Array {
    return this.bytes.subarray(0, this.length);
  }

  /** The text written. */
  toString(): string {
    return this.bytes.toString('utf8', 0, this.length);
  }

  /** Makes room for `n` more bytes. */
  room(n: number): void {
    if (this.length + n > this.bytes.length) this.grow(this.length + n);
  }

  private grow(least: number): void {
    let size = this.bytes.length * 2;
    while (size < least) size *= 2;
    const bigger = Buffer.allocUnsafe(size);
    this.bytes.copy(bigger, 0, 0, this.length);
    this.bytes = bigger;
  }

  /**
   * Counts `n` more bytes as written and returns where they start in `bytes` (grown first when
   * needed): the caller writes them there.
   */
  claim(n: number): number {
    this.room(n);
    const at = this.length;
    this.length += n;
    return at;
  }

  /** Bytes as they are (constant pieces, encoded once). */
  raw(b: Uint8Array): void {
    const n = b.length;
    this.room(n);
    copyInto.call(this.bytes, b, this.length);
    this.length += n;
  }

  /** Any string, as UTF-8 (the encoder's output for it, lone surrogates included). */
  text(s: string): void {
    const n = s.length;
    this.room(n);
    const to = this.bytes;
    let p = this.length;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) {
        this.utf8(s);
        return;
      }
      to[p++] = c;
    }
    this.length = p;
  }

  /**
   * Any string as UTF-8 through the encoder in one call: for long text (a chunk of the report
   * JSON.stringify wrote), where the encoder beats `text`'s loop. Room is made for the exact byte
   * count when the bound of three bytes per code unit would outgrow the buffer.
   */
  encoded(s: string): void {
    const most = s.length * 3;
    this.room(this.length + most > this.bytes.length ? Buffer.byteLength(s, 'utf8') : most);
    this.length += this.bytes.write(s, this.length, 'utf8');
  }

  /**
   * `JSON.stringify(s)`, as UTF-8. True when `s` is written as it is, one byte per character (ASCII
   * that JSON does not escape): the bytes after the opening quote are then its characters.
   */
  quoted(s: string): boolean {
    const n = s.length;
    this.room(n + 2);
    const to = this.bytes;
    let p = this.length;
    to[p++] = 0x22;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      // Controls, quote and backslash are escaped; anything past ASCII is left to the encoder.
      if (c < 0x20 || c === 0x22 || c === 0x5c || c >= 0x80) {
        this.utf8(JSON.stringify(s));
        return false;
      }
      to[p++] = c;
    }
    to[p++] = 0x22;
    this.length = p;
    return true;
  }

  /**
   * Quotes again, cut and lower-cased as asked, the `n` characters written as they are at `from`
   * (see `quoted`): `inner` leaves out the first and the last, `lower` lower-cases A–Z (all that
   * `toLowerCase` changes in such text). No string is made for the result.
   */
  requoted(from: number, n: number, inner: boolean, lower: boolean): void {
    let start = from;
    let length = n;
    if (inner) {
      start++;
      length = Math.max(0, n - 2);
    }
    const at = this.claim(length + 2);
    const b = this.bytes;
    b[at] = 0x22;
    for (let i = 0; i < length; i++) {
      const c = b[start + i];
      b[at + 1 + i] = lower && c >= 0x41 && c <= 0x5a ? c | 0x20 : c;
    }
    b[at + length + 1] = 0x22;
  }

  /** A number as JSON writes it (`null` for anything but a finite number). */
  num(n: number | undefined): void {
    if (typeof n !== 'number' || !Number.isFinite(n)) {
      this.raw(NULL);
      return;
    }
    if (n < 0 || n > 0x7fffffff || n !== Math.floor(n) || Object.is(n, -0)) {
      this.text(String(n));
      return;
    }
    let digits = 1;
    for (let v = n; v >= 10; v = Math.floor(v / 10)) digits++;
    this.room(digits);
    const to = this.bytes;
    let p = this.length + digits;
    this.length = p;
    let v = n;
    do {
      const q = Math.floor(v / 10);
      to[--p] = 0x30 + v - q * 10;
      v = q;
    } while (v > 0);
  }

  /** Writes `s` with the UTF-8 encoder from the current length (not from where a loop stopped). */
  private utf8(s: string): void {
    this.room(s.length * 3);
    this.length += this.bytes.write(s, this.length, 'utf8');
  }
}

const NULL = Buffer.from('null', 'latin1');

/** A constant ASCII piece as bytes. */
export function asciiBytes(s: string): Uint8Array {
  return Buffer.from(s, 'latin1');
}
