import * as assert from 'node:assert/strict';
import { mayStartRange } from '../../../src/core/worker/parallelRead';

describe('worker/ranges parsed ahead of the merge', () => {
  it('always runs the range being merged, even with every worker busy', () => {
    assert.equal(mayStartRange(5, 5, 2, 2), true);
  });

  it('starts a range at most parallel + 1 ahead of the merge, and only on a free worker', () => {
    // Two workers, the merge at range 5: ranges 6, 7 and 8 may start, 9 may not.
    assert.deepEqual(
      [6, 7, 8, 9].map((k) => mayStartRange(k, 5, 1, 2)),
      [true, true, true, false],
    );
    assert.equal(mayStartRange(6, 5, 2, 2), false, 'no free worker');
    // Four workers: up to 5 ranges ahead.
    assert.equal(mayStartRange(10, 5, 3, 4), true);
    assert.equal(mayStartRange(11, 5, 0, 4), false);
  });
});
