import type { IpRange } from './ipAddress';

/** One range of the table with the value it stands for. */
export interface RangeEntry<T> extends IpRange {
  value: T;
}

/**
 * A sorted table of disjoint ranges over the 128-bit address space, searched by binary search.
 * Built from ranges in PRIORITY order: where ranges overlap or nest, the earlier one wins (so
 * `2603:1000::/24` listed first keeps an Exchange `/40` inside it labelled internal).
 */
export class RangeTable<T> {
  private readonly starts: bigint[] = [];
  private readonly ends: bigint[] = [];
  private readonly values: T[] = [];

  constructor(ranges: readonly RangeEntry<T>[]) {
    // Elementary segments between every boundary; each takes the first range covering it.
    const bounds = new Set<bigint>();
    for (const r of ranges) {
      bounds.add(r.start);
      bounds.add(r.end + 1n);
    }
    const points = [...bounds].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    for (let i = 0; i + 1 < points.length; i++) {
      const start = points[i];
      const end = points[i + 1] - 1n;
      const owner = ranges.find((r) => r.start <= start && end <= r.end);
      if (!owner) continue;
      const last = this.values.length - 1;
      if (last >= 0 && this.values[last] === owner.value && this.ends[last] + 1n === start) {
        this.ends[last] = end;
      } else {
        this.starts.push(start);
        this.ends.push(end);
        this.values.push(owner.value);
      }
    }
  }

  /** Number of disjoint segments. */
  get size(): number {
    return this.starts.length;
  }

  /** The value of the range holding `point`, if any. */
  lookup(point: bigint): T | undefined {
    let lo = 0;
    let hi = this.starts.length - 1;
    // Last segment whose start is <= point.
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid] <= point) lo = mid + 1;
      else hi = mid - 1;
    }
    return hi >= 0 && point <= this.ends[hi] ? this.values[hi] : undefined;
  }
}
