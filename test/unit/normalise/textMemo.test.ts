import * as assert from 'node:assert/strict';
import { mapMemo, recentMemo } from '../../../src/core/normalise/textMemo';

/** A pure function that counts its calls. */
function counted(): { fn: (s: string) => string | undefined; calls: () => number } {
  let calls = 0;
  return {
    fn: (s) => {
      calls++;
      return s === '' ? undefined : s.toLowerCase();
    },
    calls: () => calls,
  };
}

describe('normalise/textMemo', () => {
  for (const [name, make] of [
    ['recentMemo', (fn: (s: string) => string | undefined) => recentMemo(fn, 2)],
    ['mapMemo', (fn: (s: string) => string | undefined) => mapMemo(fn, 2)],
  ] as const) {
    it(`${name} answers as the function does and computes a repeated input once`, () => {
      const c = counted();
      const memo = make(c.fn);
      assert.equal(memo('Bind'), 'bind');
      assert.equal(memo('Bind'), 'bind');
      assert.equal(memo(['Bi', 'nd'].join('')), 'bind', 'equal text made apart');
      assert.equal(c.calls(), 1);
      assert.equal(memo(''), undefined);
      assert.equal(memo(''), undefined, 'an undefined answer is remembered too');
      assert.equal(c.calls(), 2);
    });

    it(`${name} is bounded: past its size it computes again`, () => {
      const c = counted();
      const memo = make(c.fn);
      for (const s of ['A', 'B', 'C']) assert.equal(memo(s), s.toLowerCase());
      assert.equal(c.calls(), 3);
      assert.equal(memo('A'), 'a');
      assert.equal(c.calls(), 4, 'A was forgotten');
    });
  }
});
