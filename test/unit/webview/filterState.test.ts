import * as assert from 'node:assert/strict';
import {
  activeCriteria,
  emptyFilter,
  filtersEqual,
  isFilterEmpty,
  nextSort,
  readFilter,
  readSort,
  toggleFacetValue,
  withFacetValues,
  withText,
  withTimeRange,
} from '../../../webview/logic/filterState';

describe('filterState', () => {
  it('toggles facet values without touching the original', () => {
    const a = emptyFilter();
    const b = toggleFacetValue(a, 'ip', '203.0.113.9');
    const c = toggleFacetValue(b, 'ip', '10.0.0.1');
    assert.deepEqual(a.facets, {});
    assert.deepEqual(c.facets.ip, ['203.0.113.9', '10.0.0.1']);
    const d = toggleFacetValue(toggleFacetValue(c, 'ip', '203.0.113.9'), 'ip', '10.0.0.1');
    assert.equal(d.facets.ip, undefined, 'an empty selection removes the facet');
    assert.equal(isFilterEmpty(d), true);
  });

  it('counts active criteria and knows an empty filter', () => {
    let f = withText(emptyFilter(), '  ');
    assert.equal(isFilterEmpty(f), true);
    f = withText(f, 'owa');
    f = withFacetValues(f, 'access', ['Sync']);
    f = withTimeRange(f, 10, undefined);
    assert.equal(activeCriteria(f), 3);
    assert.equal(isFilterEmpty(f), false);
  });

  it('sets, swaps and clears the time range', () => {
    const f = withTimeRange(emptyFilter(), 200, 100);
    assert.equal(f.fromMs, 100);
    assert.equal(f.toMs, 200);
    const g = withTimeRange(f, undefined, undefined);
    assert.equal('fromMs' in g, false);
    assert.equal('toMs' in g, false);
  });

  it('compares filters regardless of facet value order', () => {
    const a = withFacetValues(emptyFilter(), 'mailbox', ['a', 'b']);
    const b = withFacetValues(emptyFilter(), 'mailbox', ['b', 'a']);
    assert.equal(filtersEqual(a, b), true);
    assert.equal(filtersEqual(a, withText(b, 'x')), false);
    assert.equal(filtersEqual(a, withFacetValues(b, 'mailbox', ['a'])), false);
  });

  it('reads a filter from untrusted state, dropping what is invalid', () => {
    const f = readFilter({
      text: 5,
      facets: { ip: ['1.2.3.4', 7], bogus: ['x'], mailbox: 'no' },
      fromMs: 'x',
      toMs: 99,
    });
    assert.deepEqual(f, { text: '', facets: { ip: ['1.2.3.4'] }, toMs: 99 });
    assert.deepEqual(readFilter(null), emptyFilter());
  });

  it('reads and advances the sort', () => {
    assert.deepEqual(readSort({ column: 'ip', descending: true }), { column: 'ip', descending: true });
    assert.deepEqual(readSort({ column: '<script>' }), { column: 'time', descending: false });
    assert.deepEqual(nextSort({ column: 'ip', descending: false }, 'ip'), { column: 'ip', descending: true });
    assert.deepEqual(nextSort({ column: 'ip', descending: true }, 'client'), {
      column: 'client',
      descending: false,
    });
  });
});
