/**
 * Byte-level helpers shared by the CSV and JSON scanners. Text is scanned as raw bytes in "units":
 * one byte for UTF-8, two bytes (little-endian) for UTF-16LE. Every structural character of CSV and
 * JSON is ASCII, and in both encodings an ASCII unit can only mean that character (UTF-8 never uses
 * bytes below 0x80 inside a multi-byte sequence; in UTF-16LE an aligned unit `xx 00` is U+00xx), so
 * the scanners never decode text just to find structure.
 */

/** Bytes per code unit: 1 for UTF-8, 2 for UTF-16LE. */
export type UnitWidth = 1 | 2;

export const LF = 0x0a;
export const CR = 0x0d;
export const TAB = 0x09;
export const SPACE = 0x20;
export const QUOTE = 0x22;
export const COMMA = 0x2c;
export const SEMICOLON = 0x3b;
export const COLON = 0x3a;
export const BACKSLASH = 0x5c;
export const OPEN_BRACE = 0x7b;
export const CLOSE_BRACE = 0x7d;
export const OPEN_BRACKET = 0x5b;
export const CLOSE_BRACKET = 0x5d;

/** Two-byte needles (`xx 00`) for UTF-16LE searches, built once per ASCII code. */
const wideNeedles = new Map<number, Buffer>();

function wideNeedle(code: number): Buffer {
  let needle = wideNeedles.get(code);
  if (!needle) {
    needle = Buffer.from([code, 0]);
    wideNeedles.set(code, needle);
  }
  return needle;
}

/** The code unit at byte index `i` (the caller guarantees a whole unit is there). */
export function unitAt(buf: Uint8Array, i: number, w: UnitWidth): number {
  return w === 1 ? buf[i] : buf[i] | (buf[i + 1] << 8);
}

/**
 * Index of the first unit equal to the ASCII `code` at or after `from` (a unit boundary), or -1.
 * Uses `indexOf` (memchr speed); for UTF-16LE a hit at an odd index straddles two units and is skipped.
 */
export function findUnit(buf: Buffer, code: number, from: number, w: UnitWidth): number {
  if (w === 1) return buf.indexOf(code, from);
  const needle = wideNeedle(code);
  let i = buf.indexOf(needle, from);
  while (i >= 0 && (i & 1) === 1) i = buf.indexOf(needle, i + 1);
  return i;
}

/** JSON/CSV whitespace other than the line feed. */
export function isBlankUnit(c: number): boolean {
  return c === SPACE || c === TAB || c === CR;
}

/** Node's name for the encoding used to decode a byte range. */
export function bufferEncoding(w: UnitWidth): BufferEncoding {
  return w === 1 ? 'utf8' : 'utf16le';
}
