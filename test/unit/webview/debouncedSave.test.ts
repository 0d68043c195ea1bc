import * as assert from 'node:assert/strict';
import { DebouncedSave, type SaveTimers } from '../../../webview/logic/debouncedSave';

function fakeTimers(): SaveTimers & { fire(): void; pending(): number } {
  let timers: { id: number; fn: () => void }[] = [];
  let next = 1;
  return {
    setTimeout: (fn) => {
      const id = next++;
      timers.push({ id, fn });
      return id;
    },
    clearTimeout: (id) => {
      timers = timers.filter((t) => t.id !== id);
    },
    fire: () => {
      const due = timers;
      timers = [];
      due.forEach((t) => t.fn());
    },
    pending: () => timers.length,
  };
}

describe('webview/debouncedSave', () => {
  it('a burst of changes makes one write, of the latest value', () => {
    const timers = fakeTimers();
    const written: number[] = [];
    const save = new DebouncedSave<number>((v) => written.push(v), 200, timers);
    save.schedule(1);
    save.schedule(2);
    save.schedule(3);
    assert.equal(timers.pending(), 1);
    assert.deepEqual(written, []);
    timers.fire();
    assert.deepEqual(written, [3]);
  });

  it('cancel drops the waiting write', () => {
    const timers = fakeTimers();
    const written: number[] = [];
    const save = new DebouncedSave<number>((v) => written.push(v), 200, timers);
    save.schedule(1);
    save.cancel();
    timers.fire();
    assert.deepEqual(written, []);
  });

  it('says a write is pending until it ran (UI tests wait for it before a reload)', () => {
    const timers = fakeTimers();
    let pendingWhileWriting: boolean | undefined;
    const save: DebouncedSave<number> = new DebouncedSave<number>(
      () => (pendingWhileWriting = save.pending),
      200,
      timers,
    );
    assert.equal(save.pending, false);
    save.schedule(1);
    assert.equal(save.pending, true);
    timers.fire();
    assert.equal(save.pending, false);
    assert.equal(pendingWhileWriting, false);
    save.schedule(2);
    save.cancel();
    assert.equal(save.pending, false);
  });
});
