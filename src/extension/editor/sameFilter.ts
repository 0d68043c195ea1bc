import { facetNames, type FilterState } from '../../protocol/messages';

function values(filter: FilterState, facet: (typeof facetNames)[number]): string {
  const v = filter.facets?.[facet];
  return Array.isArray(v) ? JSON.stringify([...v].sort()) : '[]';
}

/** True when two filters select the same records (facet value order and empty facets aside). */
export function sameFilter(a: FilterState, b: FilterState): boolean {
  return (
    (a.text ?? '') === (b.text ?? '') &&
    a.fromMs === b.fromMs &&
    a.toMs === b.toMs &&
    facetNames.every((f) => values(a, f) === values(b, f))
  );
}

/** True when a filter selects every record. */
export function isEmptyFilter(filter: FilterState): boolean {
  return sameFilter(filter, { text: '', facets: {} });
}
