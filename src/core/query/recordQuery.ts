import type { MessageMetadataIndex } from '../enrich/enrichTypes';
import type { MiaRecord } from '../model';
import {
  facetNames,
  gridColumns,
  type FacetCounts,
  type FacetName,
  type FilterState,
  type GridRow,
  type SortState,
} from '../../protocol/messages';
import { cellText, itemCount } from './recordColumns';
import { CompiledFilter } from './recordFilter';

/** Facet values listed per facet; the rest are counted in `more`. */
const facetValueCap = 200;

/**
 * Filtering, sorting and paging over the records of an investigation, for the grid. Holds only an
 * index array of the current view (4 bytes per matching record), never copies of the records.
 */
export class RecordQuery {
  private view: Int32Array;
  private facets: FacetCounts[] = [];
  /** Per facet (in `facetNames` order), each record's value as a code; built on first use. */
  private codes: FacetCodes[] | undefined;

  constructor(
    private readonly records: readonly MiaRecord[],
    /** Message metadata for the subject column (read when rows are built, so it may grow). */
    private readonly metadata?: MessageMetadataIndex,
  ) {
    this.view = identity(records.length);
  }

  /** Applies a filter and a sort; returns the number of matches and the facet counts. */
  run(filter: FilterState, sort: SortState): { matched: number; total: number; facets: FacetCounts[] } {
    const compiled = new CompiledFilter(filter);
    const codes = this.facetCodes();
    // Counting by value code into typed arrays: no string hashing per record and facet.
    const counts = codes.map((c) => new Int32Array(c.values.length));
    const n = this.records.length;
    if (compiled.isEmpty) {
      this.view = identity(n);
      for (let f = 0; f < codes.length; f++) {
        const code = codes[f].codes;
        const count = counts[f];
        for (let i = 0; i < n; i++) count[code[i]]++;
      }
    } else {
      const matched: number[] = [];
      for (let i = 0; i < n; i++) {
        const failed = compiled.failures(this.records[i]);
        if (failed.length === 0) {
          matched.push(i);
          for (let f = 0; f < codes.length; f++) counts[f][codes[f].codes[i]]++;
        } else if (failed.length === 1 && failed[0] !== 'other') {
          // Fails only its own facet: still counted there, so other values of that facet stay offered.
          const f = facetNames.indexOf(failed[0]);
          counts[f][codes[f].codes[i]]++;
        }
      }
      this.view = Int32Array.from(matched);
    }
    this.sortView(sort);
    this.facets = facetNames.map((facet, f) => topValues(facet, codes[f].values, counts[f]));
    return { matched: this.view.length, total: this.records.length, facets: this.facets };
  }

  /** Number of records in the current view. */
  get matched(): number {
    return this.view.length;
  }

  /** Record indices of the current view, in view order (for the timeline and reports). */
  get viewIndices(): Int32Array {
    return this.view;
  }

  /** Position of a record in the current view, or -1 when the filter hides it. */
  positionOf(record: number): number {
    return this.view.indexOf(record);
  }

  /** A page of grid rows of the current view. */
  rows(start: number, count: number): GridRow[] {
    const end = Math.min(this.view.length, Math.max(0, start) + Math.max(0, count));
    const rows: GridRow[] = [];
    for (let p = Math.max(0, start); p < end; p++) {
      const index = this.view[p];
      const record = this.records[index];
      const cells = {} as GridRow['cells'];
      for (const c of gridColumns) if (c !== 'time') cells[c] = cellText(record, c, this.metadata);
      rows.push({ record: index, timeMs: record.timeMs, cells });
    }
    return rows;
  }

  /**
   * Each record's value of every facet as a code into the facet's distinct values. Records are
   * never changed once read and the list only grows, so codes of a longer list extend the old ones.
   */
  private facetCodes(): FacetCodes[] {
    const n = this.records.length;
    if (this.codes && this.codes[0].codes.length === n) return this.codes;
    const old = this.codes;
    this.codes = facetNames.map((facet, f) => {
      const prev = old?.[f];
      const values = prev ? prev.values : [];
      const ids = prev ? prev.ids : new Map<string, number>();
      const codes = new Int32Array(n);
      const from = prev ? Math.min(prev.codes.length, n) : 0;
      if (prev) codes.set(prev.codes.subarray(0, from));
      for (let i = from; i < n; i++) {
        const v = cellText(this.records[i], facet);
        let c = ids.get(v);
        if (c === undefined) {
          c = values.length;
          values.push(v);
          ids.set(v, c);
        }
        codes[i] = c;
      }
      return { codes, values, ids };
    });
    return this.codes;
  }

  private sortView(sort: SortState): void {
    const f = (facetNames as readonly string[]).indexOf(sort.column);
    const key = f >= 0 ? rankKey(this.facetCodes()[f]) : sortKey(this.records, sort, this.metadata);
    const dir = sort.descending ? -1 : 1;
    if (sortByPackedKeys(this.view, key, sort.descending, this.records.length)) return;
    // Ties keep investigation order so the view is stable across re-sorts.
    this.view.sort((a, b) => (key[a] < key[b] ? -dir : key[a] > key[b] ? dir : a - b));
  }
}

/** One facet's value per record, as codes into `values` (first-seen order). */
interface FacetCodes {
  codes: Int32Array;
  values: string[];
  ids: Map<string, number>;
}

/** A sort key per record from facet codes: the rank of its value among the distinct values. */
function rankKey(fc: FacetCodes): Float64Array {
  const order = fc.values.map((_, c) => c).sort((a, b) => compareText(fc.values[a], fc.values[b]));
  const rank = new Int32Array(fc.values.length);
  order.forEach((c, r) => (rank[c] = r));
  const key = new Float64Array(fc.codes.length);
  for (let i = 0; i < key.length; i++) key[i] = rank[fc.codes[i]];
  return key;
}

/**
 * Sorts `view` by integer keys (ties by record index, ascending) with the engine's native numeric
 * sort: each entry packed as (key offset) × n + index, exact while below 2^53. Returns false (and
 * leaves `view` alone) when the keys are not integers or their range is too wide to pack.
 */
function sortByPackedKeys(view: Int32Array, key: Float64Array, descending: boolean, n: number): boolean {
  let min = Infinity;
  let max = -Infinity;
  for (let p = 0; p < view.length; p++) {
    const k = key[view[p]];
    if (!Number.isInteger(k)) return false;
    if (k < min) min = k;
    if (k > max) max = k;
  }
  if (view.length === 0) return true;
  if ((max - min + 1) * Math.max(n, 1) >= Number.MAX_SAFE_INTEGER) return false;
  const packed = new Float64Array(view.length);
  for (let p = 0; p < view.length; p++) {
    const i = view[p];
    packed[p] = (descending ? max - key[i] : key[i] - min) * n + i;
  }
  packed.sort();
  for (let p = 0; p < packed.length; p++) view[p] = packed[p] % n;
  return true;
}

/** A numeric sort key per record: numbers as they are, strings by rank among the distinct values. */
function sortKey(
  records: readonly MiaRecord[],
  sort: SortState,
  metadata?: MessageMetadataIndex,
): Float64Array {
  const key = new Float64Array(records.length);
  if (sort.column === 'time') {
    records.forEach((r, i) => (key[i] = r.timeMs));
  } else if (sort.column === 'items') {
    records.forEach((r, i) => (key[i] = r.accessType === 'Sync' ? -1 : itemCount(r)));
  } else {
    const column = sort.column;
    const text = records.map((r) => cellText(r, column, metadata));
    const ranks = new Map<string, number>();
    [...new Set(text)].sort(compareText).forEach((v, rank) => ranks.set(v, rank));
    text.forEach((v, i) => (key[i] = ranks.get(v)!));
  }
  return key;
}

function compareText(a: string, b: string): number {
  const la = a.toLowerCase();
  const lb = b.toLowerCase();
  return la < lb ? -1 : la > lb ? 1 : a < b ? -1 : a > b ? 1 : 0;
}

function topValues(facet: FacetName, distinct: readonly string[], counts: Int32Array): FacetCounts {
  const values: { value: string; count: number }[] = [];
  for (let c = 0; c < counts.length; c++)
    if (counts[c] > 0) values.push({ value: distinct[c], count: counts[c] });
  values.sort((a, b) => b.count - a.count || compareText(a.value, b.value));
  return { facet, values: values.slice(0, facetValueCap), more: Math.max(0, values.length - facetValueCap) };
}

function identity(n: number): Int32Array {
  const a = new Int32Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  return a;
}
