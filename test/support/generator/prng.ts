/**
 * Seeded pseudo-random numbers for the synthetic export generator. Everything the generator writes
 * derives from these, never from Math.random or the clock, so one seed gives identical bytes.
 */

/** 32-bit FNV-1a style mix of numbers and strings into one seed (used to derive independent streams). */
export function hashSeed(...parts: (number | string)[]): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    const text = typeof part === 'number' ? `#${part}` : `$${part}`;
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    // Avalanche between parts so that ('a', 'bc') and ('ab', 'c') differ.
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 12;
  }
  return h >>> 0;
}

const B64_CODES = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'].map((c) =>
  c.charCodeAt(0),
);

/** mulberry32: tiny, fast, good enough statistically for synthetic data. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max] (both inclusive). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)];
  }

  /** Picks by weight; weights need not sum to 1. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of items) total += w;
    let r = this.next() * total;
    for (const [item, w] of items) {
      r -= w;
      if (r < 0) return item;
    }
    return items[items.length - 1][0];
  }

  /** Index skewed towards 0 (recent items are read more often): roughly exponential. */
  skewedIndex(count: number, bias = 3): number {
    const i = Math.floor(Math.pow(this.next(), bias) * count);
    return Math.min(count - 1, i);
  }

  /** Random 32 bits as an unsigned integer. */
  uint32(): number {
    return Math.floor(this.next() * 4294967296);
  }

  hex(length: number, upper = false): string {
    let s = '';
    // Eight hex digits per draw: ids are long and the benchmark draws millions of them.
    while (s.length < length) s += this.uint32().toString(16).padStart(8, '0');
    s = s.slice(0, length);
    return upper ? s.toUpperCase() : s;
  }

  /** Base64-alphabet text, like Exchange folder and item ids. */
  base64(length: number): string {
    // Built from char codes in one go: char-by-char `+=` makes rope strings the GC pays for later.
    const codes = new Array<number>(length);
    for (let i = 0; i < length;) {
      let x = this.uint32();
      for (let k = 0; k < 5 && i < length; k++, x >>>= 6) codes[i++] = B64_CODES[x & 63];
    }
    return String.fromCharCode(...codes);
  }

  /** A random (version 4 shaped) GUID, lower-case. */
  guid(): string {
    const variant = '89ab'[Math.floor(this.next() * 4)];
    return `${this.hex(8)}-${this.hex(4)}-4${this.hex(3)}-${variant}${this.hex(3)}-${this.hex(12)}`;
  }

  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  }
}
