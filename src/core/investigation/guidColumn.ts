/**
 * Ids per chunk (1 MiB): the column grows by chunks, never copied (the old copies of a doubled
 * array stayed in the C allocator's pools).
 */
const CHUNK_BITS = 16;
const CHUNK_IDS = 1 << CHUNK_BITS;
/** Characters of a GUID's text (8-4-4-4-12 hex digits). */
export const GUID_LENGTH = 36;
const HYPHEN = 0x2d;
/** Whether offset `i` of a GUID's text holds a hyphen (where its groups end). */
const hyphenAt = (i: number): boolean => i === 8 || i === 13 || i === 18 || i === 23;
/** Lower-case hex digits, by value. */
const HEX_DIGITS = Uint8Array.from('0123456789abcdef', (c) => c.charCodeAt(0));

/**
 * Lower-case GUIDs (the `Id` of audit records) held as 16 bytes each in chunks of typed arrays
 * instead of a 36-character string each (about 56 bytes on the heap): 300,000 records' ids take 4.8 MB
 * instead of 17. Ids of any other form are not taken (their records keep their text).
 */
export class GuidColumn {
  private readonly chunks: Int32Array[] = [];
  private count = 0;

  /** Number of ids held. */
  get size(): number {
    return this.count;
  }

  /** Holds `id` and returns its position, or -1 when it is not a lower-case GUID (nothing held). */
  add(id: string): number {
    // Before a chunk is made for it: a column of ids of another form holds no memory.
    if (id.length !== GUID_LENGTH) return -1;
    const at = this.count;
    if (at >> CHUNK_BITS === this.chunks.length) this.chunks.push(new Int32Array(4 * CHUNK_IDS));
    if (!guidWords(id, this.chunks[at >> CHUNK_BITS], 4 * (at & (CHUNK_IDS - 1)))) return -1;
    this.count++;
    return at;
  }

  /** The text of the id held at `at`. */
  text(at: number): string {
    return guidText(this.chunks[at >> CHUNK_BITS], 4 * (at & (CHUNK_IDS - 1)));
  }

  /** Writes the text of the id held at `at` (36 ASCII bytes) to `out` from `p` on. */
  writeText(at: number, out: Uint8Array, p: number): void {
    writeGuidText(this.chunks[at >> CHUNK_BITS], 4 * (at & (CHUNK_IDS - 1)), out, p);
  }

  /** Copies the four words of the id held at `at` to `out` from `o` on (see `guidWords`). */
  copyWords(at: number, out: Int32Array, o: number): void {
    const words = this.chunks[at >> CHUNK_BITS];
    const base = 4 * (at & (CHUNK_IDS - 1));
    for (let k = 0; k < 4; k++) out[o + k] = words[base + k];
  }
}

/**
 * Writes `id`, when it is a lower-case GUID, as four words (its 32 hex digits, 8 a word) to
 * `words[base … base + 4)` and returns true; false otherwise (the words may then hold part of it:
 * called for every record a load keeps, it makes nothing to write them to first).
 */
export function guidWords(id: string, words: Int32Array, base: number): boolean {
  if (id.length !== GUID_LENGTH) return false;
  let word = 0;
  let digits = 0;
  for (let i = 0; i < GUID_LENGTH; i++) {
    const c = id.charCodeAt(i);
    if (hyphenAt(i)) {
      if (c !== HYPHEN) return false;
      continue;
    }
    const v = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : -1;
    if (v < 0) return false;
    word = (word << 4) | v;
    if (++digits % 8 === 0) {
      words[base + digits / 8 - 1] = word;
      word = 0;
    }
  }
  return true;
}

/** Writes the text (36 ASCII bytes) of the GUID held as `words[base … base + 4)` to `out` from `p` on. */
export function writeGuidText(words: Int32Array, base: number, out: Uint8Array, p: number): void {
  const start = p;
  for (let k = 0; k < 4; k++) {
    const word = words[base + k];
    for (let shift = 28; shift >= 0; shift -= 4) {
      if (hyphenAt(p - start)) out[p++] = HYPHEN;
      out[p++] = HEX_DIGITS[(word >>> shift) & 15];
    }
  }
}

/** Where `guidText` writes an id before decoding it (one buffer, not one per id read). */
const scratch = Buffer.alloc(GUID_LENGTH);

/** The text of the GUID held as `words[base … base + 4)`. */
export function guidText(words: Int32Array, base: number): string {
  writeGuidText(words, base, scratch, 0);
  return scratch.toString('latin1', 0, GUID_LENGTH);
}
