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
import type { ColumnCodes } from './columnCodes';
import { cellText } from './recordColumns';
import { recordIndexOf } from './recordIndex';
import { viewInOrder } from './sortOrder';
import { textHits } from './textSearch';

/** Facet values listed per facet; the rest are counted in `more`. */
const facetValueCap = 200;

/**
 * Filtering, sorting and paging over the records of an investigation, for the grid. Holds only an
 * index array of the current view (4 bytes per matching record), never copies of the records; the
 * per-column codes, message codes and sort orders it reads are shared by every query over the
 * same record list (`recordIndexOf`), so a filter or sort reads typed arrays, not records.
 */
export class RecordQuery {
  private view: Int32Array;
  private facets: FacetCounts[] = [];

  constructor(
    private readonly records: readonly MiaRecord[],
    /** Message metadata for the subject column (read when rows are built, so it may grow). */
    private readonly metadata?: MessageMetadataIndex,
  ) {
    this.view = new Int32Array(records.length);
    for (let i = 0; i < this.view.length; i++) this.view[i] = i;
  }

  /** Applies a filter and a sort; returns the number of matches and the facet counts. */
  run(filter: FilterState, sort: SortState): { matched: number; total: number; facets: FacetCounts[] } {
    const index = recordIndexOf(this.records);
    const n = this.records.length;
    const facetCodes = facetNames.map((f) => index.column(f));
    // Counting by value code into typed arrays: no string hashing per record and facet.
    const active: { facet: number; allowed: Uint8Array }[] = [];
    facetNames.forEach((name, f) => {
      const selected = filter.facets[name];
      if (!selected || selected.length === 0) return;
      const allowed = new Uint8Array(facetCodes[f].values.length);
      for (const v of selected) {
        const code = facetCodes[f].codeOf(v);
        if (code !== undefined) allowed[code] = 1;
      }
      active.push({ facet: f, allowed });
    });
    const needle = filter.text.trim().toLowerCase();
    const { fromMs, toMs } = filter;
    const timed = fromMs !== undefined || toMs !== undefined;
    const { order, key } = index.sorted(sort.column, this.metadata);
    let counts: readonly Int32Array[];
    if (!needle && active.length === 0 && !timed) {
      // Nothing filtered: the counts over every record, kept by the index (a sort alone recounts nothing).
      counts = index.facetCounts();
      this.view = viewInOrder(order, key, sort.descending, undefined, n);
    } else {
      const counted = facetCodes.map((c) => new Int32Array(c.values.length));
      counts = counted;
      const text = needle ? textHits(index, needle) : undefined;
      const times = timed ? index.times() : undefined;
      const from = fromMs ?? -Infinity;
      const to = toMs ?? Infinity;
      const codes = facetCodes.map((c) => c.codes);
      const keep = new Uint8Array(n);
      let matched = 0;
      for (let i = 0; i < n; i++) {
        // 'Other' criteria (text, time) first, then facets; only 0, 1 and "more" are told apart.
        let failures =
          (times !== undefined && (times[i] < from || times[i] >= to)) ||
          (text !== undefined && text[i] === 0)
            ? 1
            : 0;
        const other = failures;
        let failed = -1;
        for (let a = 0; a < active.length && failures < 2; a++) {
          const { allowed, facet } = active[a];
          if (allowed[codes[facet][i]] === 0) {
            failures++;
            failed = facet;
          }
        }
        if (failures === 0) {
          keep[i] = 1;
          matched++;
          for (let f = 0; f < codes.length; f++) counted[f][codes[f][i]]++;
        } else if (failures === 1 && other === 0) {
          // Fails only its own facet: still counted there, so other values of that facet stay offered.
          counted[failed][codes[failed][i]]++;
        }
      }
      this.view = viewInOrder(order, key, sort.descending, keep, matched);
    }
    this.facets = facetNames.map((facet, f) => topValues(facet, facetCodes[f], counts[f]));
    return { matched: this.view.length, total: n, facets: this.facets };
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
}

/** The most frequent values (count, then the grid's text order), up to the cap. */
function topValues(facet: FacetName, column: ColumnCodes, counts: Int32Array): FacetCounts {
  const rank = column.ranks();
  const present: number[] = [];
  for (let c = 0; c < counts.length; c++) if (counts[c] > 0) present.push(c);
  present.sort((a, b) => counts[b] - counts[a] || rank[a] - rank[b]);
  const values = present.slice(0, facetValueCap).map((c) => ({ value: column.values[c], count: counts[c] }));
  return { facet, values, more: Math.max(0, present.length - facetValueCap) };
}
