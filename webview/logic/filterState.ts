/**
 * Reducers over the protocol's FilterState: every change returns a new object, so Lit sees it and
 * the persisted state never shares arrays with the live one. Also the validation of a filter read
 * back from saved state or sent by the host (an old or damaged state must not break the view).
 */
import {
  facetNames,
  gridColumns,
  type FacetName,
  type FilterState,
  type SortState,
} from '../../src/protocol/messages';

/** The filter that shows everything. */
export function emptyFilter(): FilterState {
  return { text: '', facets: {} };
}

/** The default sort: oldest first, as investigators read a timeline. */
export function defaultSort(): SortState {
  return { column: 'time', descending: false };
}

/** True when the filter hides nothing. */
export function isFilterEmpty(filter: FilterState): boolean {
  return (
    filter.text.trim() === '' &&
    facetNames.every((f) => (filter.facets[f]?.length ?? 0) === 0) &&
    filter.fromMs === undefined &&
    filter.toMs === undefined
  );
}

/** Number of active criteria (text, each facet with values, the time range). */
export function activeCriteria(filter: FilterState): number {
  let n = filter.text.trim() === '' ? 0 : 1;
  for (const f of facetNames) if ((filter.facets[f]?.length ?? 0) > 0) n++;
  if (filter.fromMs !== undefined || filter.toMs !== undefined) n++;
  return n;
}

/** Sets the free text. */
export function withText(filter: FilterState, text: string): FilterState {
  return { ...filter, facets: { ...filter.facets }, text };
}

/** Adds the value to the facet's selection, or removes it when present. */
export function toggleFacetValue(filter: FilterState, facet: FacetName, value: string): FilterState {
  const current = filter.facets[facet] ?? [];
  const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
  return withFacetValues(filter, facet, next);
}

/** Replaces the selection of one facet (an empty list removes the facet criterion). */
export function withFacetValues(
  filter: FilterState,
  facet: FacetName,
  values: readonly string[],
): FilterState {
  const facets = { ...filter.facets };
  if (values.length === 0) delete facets[facet];
  else facets[facet] = [...new Set(values)];
  return { ...filter, facets };
}

/** Sets the time range [fromMs, toMs); an undefined bound is open. A reversed range is swapped. */
export function withTimeRange(
  filter: FilterState,
  fromMs: number | undefined,
  toMs: number | undefined,
): FilterState {
  let from = fromMs;
  let to = toMs;
  if (from !== undefined && to !== undefined && from > to) [from, to] = [to, from];
  const next: FilterState = { text: filter.text, facets: { ...filter.facets } };
  if (from !== undefined) next.fromMs = from;
  if (to !== undefined) next.toMs = to;
  return next;
}

/** True when both filters select the same records (facet value order does not matter). */
export function filtersEqual(a: FilterState, b: FilterState): boolean {
  if (a.text !== b.text || a.fromMs !== b.fromMs || a.toMs !== b.toMs) return false;
  return facetNames.every((f) => {
    const x = [...(a.facets[f] ?? [])].sort();
    const y = [...(b.facets[f] ?? [])].sort();
    return x.length === y.length && x.every((v, i) => v === y[i]);
  });
}

function finiteOrUndefined(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** A valid FilterState from anything (saved state, a host message); unknown parts are dropped. */
export function readFilter(raw: unknown): FilterState {
  if (typeof raw !== 'object' || raw === null) return emptyFilter();
  const r = raw as Record<string, unknown>;
  const facetsIn =
    typeof r.facets === 'object' && r.facets !== null ? (r.facets as Record<string, unknown>) : {};
  let filter: FilterState = { text: typeof r.text === 'string' ? r.text : '', facets: {} };
  for (const f of facetNames) {
    const values = facetsIn[f];
    if (Array.isArray(values)) {
      filter = withFacetValues(
        filter,
        f,
        values.filter((v): v is string => typeof v === 'string'),
      );
    }
  }
  return withTimeRange(filter, finiteOrUndefined(r.fromMs), finiteOrUndefined(r.toMs));
}

/** A valid SortState from anything; the default when it is not one. */
export function readSort(raw: unknown): SortState {
  if (typeof raw !== 'object' || raw === null) return defaultSort();
  const r = raw as Record<string, unknown>;
  const column = gridColumns.find((c) => c === r.column);
  return column === undefined ? defaultSort() : { column, descending: r.descending === true };
}

/** The sort after a click on a column header: same column flips, another starts ascending. */
export function nextSort(current: SortState, column: SortState['column']): SortState {
  return current.column === column
    ? { column, descending: !current.descending }
    : { column, descending: false };
}
