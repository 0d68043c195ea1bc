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

  it('a restore holds for every re-query while records load, then ends with the load', () => {
    // The first reply may come before the saved first row has loaded: the grid stops short.
    const q = new QuerySequencer();
    q.start('restore');
    assert.equal(q.finish('restore', true), 'restore');
    q.start('keep');
    assert.equal(q.finish('keep', true), 'restore');
    q.start('keep');
    assert.equal(q.finish('keep', false), 'restore', 'the reply that covers every record restores once more');
    q.start('keep');
    assert.equal(q.finish('keep', false), 'keep');
  });

  it('a restore gives way when the person scrolls or changes the view while records load', () => {
    const scrolled = new QuerySequencer();
    scrolled.start('restore');
    scrolled.finish('restore', true);
    scrolled.scrolled();
    scrolled.start('keep');
    assert.equal(scrolled.finish('keep', true), 'keep');

    const filtered = new QuerySequencer();
    filtered.start('restore');
    filtered.finish('restore', true);
    filtered.start('selection');
    assert.equal(filtered.finish('selection', true), 'selection');
    filtered.start('keep');
    assert.equal(filtered.finish('keep', true), 'keep');
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
