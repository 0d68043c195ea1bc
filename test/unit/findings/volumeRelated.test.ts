import * as assert from 'node:assert/strict';
import type { SourceStats } from '../../../src/core/investigation/types';
import { computeFindings } from '../../../src/core/findings/findings';
import { formatUtc } from '../../../src/core/normalise/time';
import { burst, H, T0 } from '../analysis/records';

const source: SourceStats = {
  path: '/x/a.jsonl',
  sha256: '0'.repeat(64),
  container: 'json-lines',
  sizeBytes: 100,
  rows: 40,
  records: 40,
  duplicates: 0,
  otherOperations: 0,
  otherRecords: 0,
  miaRows: 40,
  rejectedMiaRows: 0,
  rejected: [],
};

describe('findings: related places of a volume window', () => {
  // threshold 5: the 6th to the 30th record (25 instants) each open a volume window; all merge.
  const records = burst(30, T0, 2 * H, { mailbox: 'busy@contoso.com' });
  const throttle = { threshold: 5, hours: 24 };

  it('lists the openings after the opener (up to maxRelated), then the last one, which sets the end', () => {
    const [w] = computeFindings({ sources: [source], records }, { throttle }).filter(
      (f) => f.code === 'mia.throttled',
    );
    assert.equal(w.record, 5);
    const expected = [...records.slice(6, 26), records[29]];
    assert.deepEqual(
      w.related.map((r) => r.line),
      expected.map((r) => r.provenance.line),
    );
    assert.deepEqual(
      w.related.map((r) => r.record),
      [...Array.from({ length: 20 }, (_, i) => 6 + i), 29],
    );
    for (const r of w.related.slice(0, -1))
      assert.match(r.message, /^also opened \(volume\) at .+, merged into this window$/);
    assert.equal(
      w.related.at(-1)!.message,
      `last of 25 volume openings, at ${formatUtc(records[29].timeMs)} (sets the window end), merged into this window`,
    );
    assert.equal(w.endMs, records[29].timeMs + 24 * H);
  });

  it('lists every opening when they are no more than maxRelated (the last among them)', () => {
    const [w] = computeFindings({ sources: [source], records }, { throttle, maxRelated: 30 }).filter(
      (f) => f.code === 'mia.throttled',
    );
    assert.deepEqual(
      w.related.map((r) => r.record),
      Array.from({ length: 24 }, (_, i) => 6 + i),
    );
    assert.ok(w.related.every((r) => r.message.startsWith('also opened (volume)')));
  });
});
