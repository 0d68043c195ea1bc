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

  constructor(private readonly records: readonly MiaRecord[]) {
    this.view = identity(records.length);
  }

  /** Applies a filter and a sort; returns the number of matches and the facet counts. */
  run(filter: FilterState, sort: SortState): { matched: number; total: number; facets: FacetCounts[] } {
    const compiled = new CompiledFilter(filter);
    const counts = new Map<FacetName, Map<string, number>>(facetNames.map((f) => [f, new Map()]));
    const matched: number[] = [];
    for (let i = 0; i < this.records.length; i++) {
      const record = this.records[i];
      const failed = compiled.isEmpty ? [] : compiled.failures(record);
      if (failed.length === 0) {
        matched.push(i);
        for (const f of facetNames) bump(counts.get(f)!, cellText(record, f));
      } else if (failed.length === 1 && failed[0] !== 'other') {
        // Fails only its own facet: still counted there, so other values of that facet stay offered.
        bump(counts.get(failed[0])!, cellText(record, failed[0]));
      }
    }
    this.view = Int32Array.from(matched);
    this.sortView(sort);
    this.facets = facetNames.map((facet) => topValues(facet, counts.get(facet)!));
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
      for (const c of gridColumns) if (c !== 'time') cells[c] = cellText(record, c);
      rows.push({ record: index, timeMs: record.timeMs, cells });
    }
    return rows;
  }

  private sortView(sort: SortState): void {
    const key = sortKey(this.records, sort);
    const dir = sort.descending ? -1 : 1;
    // Ties keep investigation order so the view is stable across re-sorts.
    this.view.sort((a, b) => (key[a] < key[b] ? -dir : key[a] > key[b] ? dir : a - b));
  }
}

/** A numeric sort key per record: numbers as they are, strings by rank among the distinct values. */
function sortKey(records: readonly MiaRecord[], sort: SortState): Float64Array {
  const key = new Float64Array(records.length);
  if (sort.column === 'time') {
    records.forEach((r, i) => (key[i] = r.timeMs));
  } else if (sort.column === 'items') {
    records.forEach((r, i) => (key[i] = r.accessType === 'Sync' ? -1 : itemCount(r)));
  } else {
    const column = sort.column;
    const text = records.map((r) => cellText(r, column));
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

function bump(map: Map<string, number>, value: string): void {
  map.set(value, (map.get(value) ?? 0) + 1);
}

function topValues(facet: FacetName, counts: Map<string, number>): FacetCounts {
  const values = [...counts.entries()]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || compareText(a.value, b.value));
  return { facet, values: values.slice(0, facetValueCap), more: Math.max(0, values.length - facetValueCap) };
}

function identity(n: number): Int32Array {
  const a = new Int32Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  return a;
}
