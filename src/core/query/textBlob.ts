/**
 * Many strings searched as one: joined with NUL into blocks of a fixed number of strings, so a
 * substring search is one native `indexOf` scan per block instead of a call per string. Blocks
 * are built when full; strings of the last, partial block are searched one by one. The list only
 * grows (`push`). Needles must not contain NUL (callers search those another way).
 */
export class TextBlob {
  private readonly blocks: { text: string; starts: Uint32Array }[] = [];
  private readonly tail: string[] = [];

  constructor(private readonly blockSize = 65_536) {}

  /** Number of strings held. */
  get length(): number {
    return this.blocks.length * this.blockSize + this.tail.length;
  }

  /** Appends a string (lower-cased by the caller when the search is case-insensitive). */
  push(value: string): void {
    this.tail.push(value);
    if (this.tail.length < this.blockSize) return;
    const starts = new Uint32Array(this.tail.length);
    let at = 0;
    for (let i = 0; i < this.tail.length; i++) {
      starts[i] = at;
      at += this.tail[i].length + 1;
    }
    this.blocks.push({ text: this.tail.join('\u0000'), starts });
    this.tail.length = 0;
  }

  /** Calls `hit(index)` once for each string containing `needle` (no NUL), in index order. */
  search(needle: string, hit: (index: number) => void): void {
    this.blocks.forEach(({ text, starts }, b) => {
      const base = b * this.blockSize;
      let from = 0;
      for (;;) {
        const at = text.indexOf(needle, from);
        if (at < 0) break;
        const i = lastAtOrBefore(starts, at);
        hit(base + i);
        // Go on after this string: one hit per string.
        from = i + 1 < starts.length ? starts[i + 1] : text.length;
      }
    });
    const base = this.blocks.length * this.blockSize;
    for (let i = 0; i < this.tail.length; i++) if (this.tail[i].includes(needle)) hit(base + i);
  }
}

/** Index of the last entry of the sorted `starts` that is ≤ `at`. */
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
