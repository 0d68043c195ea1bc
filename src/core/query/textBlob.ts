/**
 * The searchable text of many entries (one per record), searched as one: every piece of text
 * followed by NUL, joined into blocks, with a table of where each entry starts, so a substring
 * search is one native `indexOf` scan per block instead of a call per entry. An entry may hold
 * several pieces (a record's message ids) or none. Pieces wait in a tail until enough entries make a
 * block, or until the next search, which seals them into a block of their own. The list only grows.
 * Needles must not contain NUL (callers search those another way).
 */
export class TextBlob {
  private readonly blocks: { text: string; first: number; starts: Uint32Array }[] = [];
  /** Pieces of the entries not in a block yet. */
  private pieces: string[] = [];
  /** Character offset of each tail entry in the tail's text. */
  private starts: number[] = [];
  private chars = 0;
  private count = 0;

  constructor(
    /**
     * Entries a block holds. Joining a block's pieces is one step on the caller's event loop, so
     * blocks stay small (65,536 records' message ids took a few hundred ms on a busy machine).
     */
    private readonly blockSize = 16_384,
  ) {}

  /** Number of entries held. */
  get length(): number {
    return this.count;
  }

  /** Appends an entry of one piece (lower-cased by the caller when the search is case-insensitive). */
  push(value: string): void {
    this.begin();
    this.add(value);
  }

  /** Starts a new entry (with no text until `add`). */
  begin(): void {
    if (this.starts.length >= this.blockSize || this.chars >= maxBlockChars) this.seal();
    this.starts.push(this.chars);
    this.count++;
  }

  /** Adds a piece of text to the entry begun last. */
  add(piece: string): void {
    this.pieces.push(piece);
    this.chars += piece.length + 1;
  }

  /** Calls `hit(index)` once for each entry whose text contains `needle` (no NUL), in index order. */
  search(needle: string, hit: (index: number) => void): void {
    this.seal();
    for (const { text, first, starts } of this.blocks) {
      let from = 0;
      for (;;) {
        const at = text.indexOf(needle, from);
        if (at < 0) break;
        const i = lastAtOrBefore(starts, at);
        hit(first + i);
        // Go on after this entry: one hit per entry.
        from = i + 1 < starts.length ? starts[i + 1] : text.length;
      }
    }
  }

  /** Joins the pieces not in a block yet into one (searches do it first; so may idle time). */
  seal(): void {
    if (this.starts.length === 0) return;
    // Each piece is followed by NUL, so no match runs from one piece into the next. The last NUL
    // comes from an empty last piece, not from `+ '\u0000'`: that would make a rope (cons string)
    // that the first search flattens, copying the whole block (tens of ms at 300,000 records).
    let text = '';
    if (this.pieces.length > 0) {
      this.pieces.push('');
      text = this.pieces.join('\u0000');
    }
    this.blocks.push({ text, first: this.count - this.starts.length, starts: Uint32Array.from(this.starts) });
    this.pieces = [];
    this.starts = [];
    this.chars = 0;
  }
}

/** A block's text stays far below the engine's longest string (about 2^29 characters). */
const maxBlockChars = 1 << 26;

/**
 * Index of the last entry of the sorted `starts` that is ≤ `at`: the entry holding that character
 * (entries with no text share their start with the next one, which is the one found).
 */
function lastAtOrBefore(starts: Uint32Array, at: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
