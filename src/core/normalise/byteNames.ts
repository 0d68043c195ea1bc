/**
 * Known names looked up by the bytes of a key, in any ASCII case, without making a string (the
 * byte-level AuditData picker, auditBytes.ts).
 */

/** Canonical names looked up by the bytes of a key, lower-cased (ASCII), without making a string. */
export class ByteNames {
  private readonly slots: Int16Array;
  private readonly mask: number;
  private readonly bytes: Uint8Array[];

  constructor(readonly names: readonly string[]) {
    let size = 16;
    while (size < names.length * 4) size *= 2;
    this.mask = size - 1;
    this.slots = new Int16Array(size);
    this.bytes = names.map((n) => Buffer.from(n.toLowerCase(), 'latin1'));
    this.bytes.forEach((b, i) => {
      let at = hashLower(b, 0, b.length) & this.mask;
      while (this.slots[at] !== 0) at = (at + 1) & this.mask;
      this.slots[at] = i + 1;
    });
  }

  /** Index of the name spelled (in any ASCII case) by `buf[start, end)` (of `hashLower` `hash`), or -1. */
  find(buf: Uint8Array, start: number, end: number, hash: number): number {
    const len = end - start;
    for (let at = hash & this.mask; ; at = (at + 1) & this.mask) {
      const slot = this.slots[at];
      if (slot === 0) return -1;
      const name = this.bytes[slot - 1];
      if (name.length !== len) continue;
      let i = 0;
      while (i < len && LOWER[buf[start + i]] === name[i]) i++;
      if (i === len) return slot - 1;
    }
  }
}

/** ASCII lower case of each byte. */
export const LOWER = new Uint8Array(256);
for (let c = 0; c < 256; c++) LOWER[c] = c >= 0x41 && c <= 0x5a ? c | 0x20 : c;

/** The hash `ByteNames` looks names up by: of the ASCII lower case of `buf[start, end)`. */
export function hashLower(buf: Uint8Array, start: number, end: number): number {
  let h = 0;
  for (let i = start; i < end; i++) h = (Math.imul(h, 31) + LOWER[buf[i]]) | 0;
  return h;
}
