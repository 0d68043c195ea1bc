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
  private rankOf: { count: number; rank: Int32Array } | undefined;

  constructor(private readonly text: (record: MiaRecord) => string) {}

  /** Codes the records not coded yet. */
  extend(records: readonly MiaRecord[]): this {
    const n = records.length;
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

  /**
   * Each code's rank among the distinct values in the grid's order (lower-cased text, then as
   * written): sorts and facet lists compare ranks instead of strings. Recomputed when values grew.
   */
  ranks(): Int32Array {
    if (this.rankOf?.count === this.values.length) return this.rankOf.rank;
    const values = this.values;
    const lower = this.lowerValues();
    // Lower-cased first, then as written (the grid's order), without lower-casing per comparison.
    const byText = values
      .map((_, c) => c)
      .sort((a, b) =>
        lower[a] < lower[b]
          ? -1
          : lower[a] > lower[b]
            ? 1
            : values[a] < values[b]
              ? -1
              : values[a] > values[b]
                ? 1
                : 0,
      );
    const rank = new Int32Array(values.length);
    byText.forEach((c, r) => (rank[c] = r));
    this.rankOf = { count: values.length, rank };
    return rank;
  }

  /** Distinct values lower-cased (for the case-insensitive text filter), by code. */
  lowerValues(): readonly string[] {
    for (let c = this.lowered.length; c < this.values.length; c++)
      this.lowered.push(this.values[c].toLowerCase());
    return this.lowered;
  }
}
