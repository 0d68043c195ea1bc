import * as assert from 'node:assert/strict';
import { coverage } from '../../../src/core/analysis/coverage';
import type { SourceStats } from '../../../src/core/investigation/types';
import { H, rec, T0 } from './records';
import { zeroCounts } from '../../../src/core/investigation/sourceAccount';

function source(path: string, spec: Partial<SourceStats>): SourceStats {
  return {
    path,
    sha256: '0'.repeat(64),
    container: 'purview-csv-new',
    sizeBytes: 1,
    ...zeroCounts(),
    ...spec,
  };
}

describe('analysis/coverage', () => {
  it('flags a source whose MIA row count is exactly at a cap as probably truncated', () => {
    const c = coverage(
      [
        source('a.csv', { rows: 50_000, miaRows: 50_000 }),
        source('b.csv', { rows: 49_999, miaRows: 49_999 }),
        source('c.csv', { rows: 5_000, miaRows: 5_000 }),
        source('d.csv', { rows: 1_000_000, miaRows: 1_000_000 }),
        source('e.csv', { rows: 500_001, miaRows: 500_001 }),
        source('f.csv', { rows: 500_000, miaRows: 500_000 }),
      ],
      [],
    );
    assert.deepEqual(
      c.sources.map((s) => [s.path, s.probablyTruncated, s.cap]),
      [
        ['a.csv', true, 50_000],
        ['b.csv', false, undefined],
        ['c.csv', true, 5_000],
        ['d.csv', true, 1_000_000],
        ['e.csv', false, undefined],
        ['f.csv', true, 500_000],
      ],
    );
  });

  it('an export of several operations capped on all its rows is flagged too', () => {
    const c = coverage([source('all-ops.csv', { rows: 5_000, miaRows: 3_200, otherOperations: 1_800 })], []);
    assert.equal(c.sources[0].probablyTruncated, true);
    assert.equal(c.sources[0].cap, 5_000);
  });

  it('rejected MIA rows count towards the cap (the export tool cut before anything broke)', () => {
    const c = coverage([source('resaved.csv', { rows: 50_001, miaRows: 49_998, rejectedMiaRows: 2 })], []);
    assert.equal(c.sources[0].probablyTruncated, true);
    assert.equal(c.sources[0].cap, 50_000);
    const none = coverage([source('small.csv', { rows: 3, miaRows: 3 })], []);
    assert.equal(none.sources[0].probablyTruncated, false);
  });

  it("finds the gaps between the sources' time spans (overlaps are not gaps)", () => {
    const c = coverage(
      [
        source('jan-1.csv', { firstMs: T0, lastMs: T0 + 10 * H }),
        source('jan-1b.csv', { firstMs: T0 + 5 * H, lastMs: T0 + 12 * H }),
        source('jan-2.csv', { firstMs: T0 + 20 * H, lastMs: T0 + 30 * H }),
        source('undated.csv', {}),
      ],
      [],
    );
    assert.deepEqual(c.gaps, [
      { startMs: T0 + 12 * H, endMs: T0 + 20 * H, afterSource: 'jan-1b.csv', beforeSource: 'jan-2.csv' },
    ]);
    assert.equal(c.firstMs, T0);
    assert.equal(c.lastMs, T0 + 30 * H);
  });

  it('notes mailboxes whose records never carry IsThrottled (volume rule only)', () => {
    const c = coverage(
      [],
      [
        rec({ timeMs: T0, mailbox: 'new@x.com' }),
        rec({ timeMs: T0, mailbox: 'old@x.com', throttled: false }),
        rec({ timeMs: T0, mailbox: 'mixed@x.com' }),
        rec({ timeMs: T0 + H, mailbox: 'mixed@x.com', throttled: true }),
      ],
    );
    assert.deepEqual(c.volumeRuleOnly, ['new@x.com']);
  });
});
