import * as assert from 'node:assert/strict';
import { throttle, type Clock } from '../../../webview/logic/throttle';

function fakeClock() {
  let now = 0;
  const timers: { at: number; fn: () => void; id: number }[] = [];
  let nextId = 1;
  const clock: Clock = {
    now: () => now,
    setTimeout: (fn, ms) => {
      const id = nextId++;
      timers.push({ at: now + ms, fn, id });
      return id;
    },
    clearTimeout: (id) => {
      const i = timers.findIndex((t) => t.id === id);
      if (i >= 0) timers.splice(i, 1);
    },
  };
  const advance = (ms: number) => {
    now += ms;
    for (const t of timers.filter((t) => t.at <= now)) {
      timers.splice(timers.indexOf(t), 1);
      t.fn();
    }
  };
  return { clock, advance };
}

describe('throttle', () => {
  it('runs at once, then collapses calls in the interval into one trailing run', () => {
    const { clock, advance } = fakeClock();
    let runs = 0;
    const t = throttle(() => runs++, 500, clock);
    t.schedule();
    assert.equal(runs, 1);
    for (let i = 0; i < 10; i++) {
      advance(40);
      t.schedule();
    }
    assert.equal(runs, 1);
    assert.equal(t.pending, true);
    advance(100);
    assert.equal(runs, 2, 'trailing run at the end of the interval');
    advance(1000);
    assert.equal(runs, 2, 'nothing more without calls');
  });

  it('never runs more than twice a second under a stream of calls', () => {
    const { clock, advance } = fakeClock();
    let runs = 0;
    const t = throttle(() => runs++, 500, clock);
    for (let i = 0; i < 100; i++) {
      t.schedule();
      advance(30);
    }
    assert.ok(runs <= Math.ceil(3000 / 500) + 1, `${runs} runs in 3 s`);
    assert.ok(runs >= 5);
  });

  it('cancels a pending run', () => {
    const { clock, advance } = fakeClock();
    let runs = 0;
    const t = throttle(() => runs++, 500, clock);
    t.schedule();
    t.schedule();
    t.cancel();
    advance(1000);
    assert.equal(runs, 1);
  });
});
