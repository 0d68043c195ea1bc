/** Items sorted by `Array.prototype.sort` in one go before the runs are merged. */
const RUN = 2048;
/** Items merged between two looks at the clock. */
const STRIDE = 4096;

/**
 * A stable sort done a little at a time (`step` until a deadline): the order is exactly
 * `Array.prototype.sort`'s with the same comparison (both are stable), but sorting the records of
 * one big mailbox never holds the event loop for long. Runs of a few thousand items are sorted
 * whole, then merged pairwise, bottom-up, between two buffers.
 */
export class SlicedSort<T> {
  private source: T[];
  private target: T[];
  /** Items sorted into runs so far (first phase). */
  private runsDone = 0;
  /** Length of the sorted runs being merged (second phase). */
  private width = RUN;
  /** Start of the pair of runs being merged, and the merge's cursors. */
  private pair = 0;
  private left = -1;
  private right = -1;
  private out = -1;

  constructor(
    items: readonly T[],
    private readonly compare: (a: T, b: T) => number,
  ) {
    this.source = items.slice();
    this.target = new Array<T>(items.length);
  }

  /** Works until `deadline` (a `performance.now()` time); the sorted items once done. */
  step(deadline: number): T[] | undefined {
    const n = this.source.length;
    while (this.runsDone < n) {
      const end = Math.min(n, this.runsDone + RUN);
      const run = this.source.slice(this.runsDone, end).sort(this.compare);
      for (let i = 0; i < run.length; i++) this.source[this.runsDone + i] = run[i];
      this.runsDone = end;
      if (performance.now() >= deadline) return undefined;
    }
    while (this.width < n) {
      while (this.pair < n) {
        if (!this.merge(deadline)) return undefined;
        this.pair += 2 * this.width;
        if (this.pair < n && performance.now() >= deadline) return undefined;
      }
      [this.source, this.target] = [this.target, this.source];
      this.width *= 2;
      this.pair = 0;
    }
    return this.source;
  }

  /** Merges the pair of runs at `pair` into `target`; false when the deadline came first. */
  private merge(deadline: number): boolean {
    const { source, target, compare } = this;
    const n = source.length;
    const middle = Math.min(n, this.pair + this.width);
    const end = Math.min(n, this.pair + 2 * this.width);
    if (this.out < 0) {
      this.left = this.pair;
      this.right = middle;
      this.out = this.pair;
    }
    let { left, right, out } = this;
    while (out < end) {
      const stop = Math.min(end, out + STRIDE);
      for (; out < stop; out++) {
        // Ties take the left item: the order of equal items is kept (stable).
        if (right >= end || (left < middle && compare(source[right], source[left]) >= 0))
          target[out] = source[left++];
        else target[out] = source[right++];
      }
      if (out < end && performance.now() >= deadline) {
        this.left = left;
        this.right = right;
        this.out = out;
        return false;
      }
    }
    this.out = -1;
    return true;
  }
}
