import type { MiaRecord } from '../model';

/**
 * One column's text for every record, as codes into the column's distinct values (first-seen
 * order). Filters and sorts test or rank each distinct value once and then read a typed array per
 * record. Records are never changed once read and the list only grows, so `extend` only codes the
 * new records.
 */
export class ColumnCodes {
  /** Code of each record's value; valid up to `length`. */
  codes = new Uint32Array(0);
  /** Number of records coded. */
  length = 0;
  /** Distinct values, by code. */
  readonly values: string[] = [];
  private readonly ids = new Map<string, number>();
  private lowered: string[] = [];
  /** Codes in the grid's order and each code's rank, for the first `count` values. */
  private rankOf: { count: number; byText: Int32Array; rank: Int32Array } | undefined;

  constructor(private readonly text: (record: MiaRecord) => string) {}

  /** Codes the records not coded yet, up to `end` (default: all). */
  extend(records: readonly MiaRecord[], end = records.length): this {
    const n = end;
    if (n <= this.length) return this;
    if (n > this.codes.length) {
      const grown = new Uint32Array(Math.max(n, Math.ceil(this.codes.length * 1.5)));
      grown.set(this.codes.subarray(0, this.length));
      this.codes = grown;
    }
    const { codes, ids, values } = this;
    let previousCode = -1;
    for (let i = this.length; i < n; i++) {
      const v = this.text(records[i]);
      // Runs of one value are common (a session's records): skip the map then.
      if (previousCode >= 0 && v === values[previousCode]) {
        codes[i] = previousCode;
        continue;
      }
      let c = ids.get(v);
      if (c === undefined) {
        c = values.length;
        values.push(v);
        ids.set(v, c);
      }
      codes[i] = c;
      previousCode = c;
    }
    this.length = n;
    return this;
  }

  /** Code of a value, or undefined when no record has it. */
  codeOf(value: string): number | undefined {
    return this.ids.get(value);
  }

  /** True when `ranks()` covers every value (it has nothing to do). */
  get ranked(): boolean {
    return this.rankOf?.count === this.values.length;
  }

  /**
   * Each code's rank among the distinct values in the grid's order (lower-cased text, then as
   * written): sorts and facet lists compare ranks instead of strings. Values added since the last
   * call are sorted and merged in.
   */
  ranks(): Int32Array {
    const known = this.rankOf;
    const count = this.values.length;
    if (known?.count === count) return known.rank;
    const values = this.values;
    const lower = this.lowerValues();
    // Lower-cased first, then as written (the grid's order), without lower-casing per comparison.
    const compare = (a: number, b: number): number =>
      lower[a] < lower[b]
        ? -1
        : lower[a] > lower[b]
          ? 1
          : values[a] < values[b]
            ? -1
            : values[a] > values[b]
              ? 1
              : 0;
    // Only the values added since the last call are sorted, then merged with the known order:
    // queries while a file loads ask again and again as values trickle in.
    const from = known?.count ?? 0;
    const added = new Int32Array(count - from);
    for (let c = from; c < count; c++) added[c - from] = c;
    added.sort(compare);
    const old = known?.byText ?? new Int32Array(0);
    const byText = new Int32Array(count);
    let a = 0;
    let b = 0;
    for (let r = 0; r < count; r++)
      byText[r] =
        b >= added.length || (a < old.length && compare(old[a], added[b]) <= 0) ? old[a++] : added[b++];
    const rank = new Int32Array(count);
    for (let r = 0; r < count; r++) rank[byText[r]] = r;
    this.rankOf = { count, byText, rank };
    return rank;
  }

  /** Distinct values lower-cased (for the case-insensitive text filter), by code. */
  lowerValues(): readonly string[] {
    for (let c = this.lowered.length; c < this.values.length; c++)
      this.lowered.push(this.values[c].toLowerCase());
    return this.lowered;
  }
}
