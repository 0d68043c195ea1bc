import * as assert from 'node:assert/strict';
import { QuerySequencer, scrollAfterQuery } from '../../../webview/logic/querySequencer';

describe('webview/querySequencer', () => {
  it('only the newest query is current', () => {
    const q = new QuerySequencer();
    const a = q.start('selection');
    const b = q.start('keep');
    assert.equal(q.isCurrent(a), false);
    assert.equal(q.isCurrent(b), true);
  });

  it('a re-query while loading ("keep") does not swallow the scroll a restore asked for', () => {
    const q = new QuerySequencer();
    q.start('restore');
    const keep = q.start('keep');
    assert.ok(q.isCurrent(keep));
    assert.equal(q.finish('keep'), 'restore');
    // Applied once: the next reply keeps its own intent.
    q.start('keep');
    assert.equal(q.finish('keep'), 'keep');
  });

  it('a newer non-trivial intent replaces the waiting one', () => {
    const q = new QuerySequencer();
    q.start('restore');
    q.start('reveal');
    assert.equal(q.finish('reveal'), 'reveal');
  });
});

describe('webview/scrollAfterQuery', () => {
  it('restore: the saved first row at the top', () => {
    assert.deepEqual(scrollAfterQuery('restore', 7, 120), { position: 120, align: 'top' });
  });
  it('reveal: the record centred when shown, nowhere when the filter hides it', () => {
    assert.deepEqual(scrollAfterQuery('reveal', 42, 0), { position: 42, align: 'center' });
    assert.equal(scrollAfterQuery('reveal', -1, 0), undefined);
  });
  it('selection: the selection centred, else the top', () => {
    assert.deepEqual(scrollAfterQuery('selection', 5, 99), { position: 5, align: 'center' });
    assert.deepEqual(scrollAfterQuery('selection', -1, 99), { position: 0, align: 'top' });
  });
  it('keep: no scroll', () => {
    assert.equal(scrollAfterQuery('keep', 5, 99), undefined);
  });
});
