import type { MiaRecord } from '../model';
import { facetNames, type FacetName, type FilterState } from '../../protocol/messages';
import { facetValue } from './recordColumns';
import { matchesText } from './textSearch';

/**
 * A compiled filter. `failures(record)` says which criteria a record fails, so one pass can both
 * select the matching records and count facet values over "all other criteria" (standard faceting).
 */
export class CompiledFilter {
  private readonly needle: string;
  private readonly facetSets: { facet: FacetName; values: Set<string> }[];

  constructor(private readonly filter: FilterState) {
    this.needle = filter.text.trim().toLowerCase();
    this.facetSets = facetNames
      .filter((f) => (filter.facets[f]?.length ?? 0) > 0)
      .map((facet) => ({ facet, values: new Set(filter.facets[facet]) }));
  }

  /** True when nothing is filtered. */
  get isEmpty(): boolean {
    return (
      !this.needle &&
      this.facetSets.length === 0 &&
      this.filter.fromMs === undefined &&
      this.filter.toMs === undefined
    );
  }

  /**
   * Criteria the record fails: 'other' for text or time, a facet name for a facet; at most two
   * entries are collected since callers only distinguish 0, exactly one, and more.
   */
  failures(record: MiaRecord): (FacetName | 'other')[] {
    const failed: (FacetName | 'other')[] = [];
    const { fromMs, toMs } = this.filter;
    if ((fromMs !== undefined && record.timeMs < fromMs) || (toMs !== undefined && record.timeMs >= toMs)) {
      failed.push('other');
    } else if (this.needle && !matchesText(record, this.needle)) {
      failed.push('other');
    }
    for (const { facet, values } of this.facetSets) {
      if (failed.length >= 2) break;
      if (!values.has(facetValue(record, facet))) failed.push(facet);
    }
    return failed;
  }

  /** True when the record passes every criterion. */
  matches(record: MiaRecord): boolean {
    return this.failures(record).length === 0;
  }
}
