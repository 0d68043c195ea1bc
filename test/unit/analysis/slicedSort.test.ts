import * as assert from 'node:assert/strict';
import { SlicedSort } from '../../../src/core/analysis/slicedSort';
import { prng } from '../../support/seededChoice';

interface Item {
  key: number;
  /** Position before sorting: tells equal keys apart. */
  at: number;
}

const byKey = (a: Item, b: Item): number => a.key - b.key;

/** `n` items with keys drawn from `distinct` values (many ties when it is small). */
function items(n: number, distinct: number, seed: number): Item[] {
  const next = prng(seed);
  return Array.from({ length: n }, (_, at) => ({ key: next(distinct), at }));
}

/** Steps with a deadline in the past (one unit of work per step) until done; the steps taken too. */
function sortInSteps(list: readonly Item[]): { sorted: Item[]; steps: number } {
  const sort = new SlicedSort(list, byKey);
  for (let steps = 1; ; steps++) {
    const sorted = sort.step(0);
    if (sorted) return { sorted, steps };
  }
}

describe('analysis/sliced sort', () => {
  for (const [n, distinct] of [
    [0, 1],
    [1, 1],
    [2047, 50],
    [2048, 3],
    [2049, 3],
    [10_000, 7],
    [20_000, 100_000],
    [33_333, 2],
  ] as const) {
    it(`sorts ${n} items with ${distinct} distinct keys exactly as Array.prototype.sort (stable)`, () => {
      const list = items(n, distinct, n + distinct);
      const copy = list.slice();
      const { sorted } = sortInSteps(list);
      assert.deepEqual(sorted, list.slice().sort(byKey));
      // The input is left as it was.
      assert.deepEqual(list, copy);
    });
  }

  it('does a big sort in many steps when the deadline has passed, and in one when it has not', () => {
    const list = items(40_000, 1000, 9);
    const { steps } = sortInSteps(list);
    // 20 runs a step each, then 5 rounds of merges of 40,000 items, at most 4,096 a step (a round
    // may end in the step that starts the next).
    assert.ok(steps >= 20 + 5 * 9, `${steps} steps`);
    const once = new SlicedSort(list, byKey).step(Infinity);
    assert.deepEqual(once, list.slice().sort(byKey));
  });
});
