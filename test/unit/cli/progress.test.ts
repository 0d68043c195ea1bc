import * as assert from 'node:assert/strict';
import { PROGRESS_MIN_BYTES, ProgressReporter } from '../../../src/cli/progress';
import type { LoadProgress } from '../../../src/core/investigation/types';

const at = (fraction: number, total = PROGRESS_MIN_BYTES * 2): LoadProgress => ({
  path: '/evidence/big.csv',
  bytesRead: Math.round(total * fraction),
  totalBytes: total,
  overallBytesRead: Math.round(total * fraction),
  overallTotalBytes: total,
  records: Math.round(fraction * 1000),
});

describe('cli/progress', () => {
  it('says nothing for small inputs', () => {
    let text = '';
    const p = new ProgressReporter({ write: (s: string) => (text += s), isTTY: true });
    p.update(at(0.5, PROGRESS_MIN_BYTES - 1));
    p.done();
    assert.equal(text, '');
  });

  it('writes a line per further 10 % when standard error is not a terminal', () => {
    const lines: string[] = [];
    const p = new ProgressReporter({ write: (s: string) => lines.push(s), isTTY: false });
    for (let i = 0; i <= 100; i++) p.update(at(i / 100));
    assert.equal(lines.length, 11);
    assert.match(lines[5], /^mia: reading 50% \(32\/64 MB, 500 records, big\.csv\)\n$/);
    assert.ok(lines.every((l) => !l.includes('\r')));
  });

  it('redraws a bar on a terminal at most 10 times a second and clears it at the end', () => {
    let now = 0;
    const writes: string[] = [];
    const p = new ProgressReporter(
      { write: (s: string) => writes.push(s), isTTY: true, columns: 120 },
      () => now,
    );
    p.update(at(0.1));
    p.update(at(0.2));
    now = 150;
    p.update(at(0.5));
    assert.equal(writes.length, 2);
    assert.ok(writes[1].startsWith(`\r\u001b[K[${'#'.repeat(15)}${'-'.repeat(15)}]  50% `), writes[1]);
    p.done();
    assert.equal(writes[2], '\r\x1b[K');
  });
});
