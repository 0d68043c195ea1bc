import * as assert from 'node:assert/strict';
import { KeyOrder } from '../../../src/core/normalise/keyOrder';

const bytes = (text: string): Buffer => Buffer.from(text, 'latin1');

/** Learns the keys of `text` (`"A":1,"B":2`) in order from an object's start; their slots. */
function learnAll(order: KeyOrder, keys: string[], answers: number[]): number[] {
  let after = 0;
  return keys.map((key, i) => {
    const b = bytes(`"${key}"`);
    after = order.learn(b, 0, b.length, answers[i], after);
    return after;
  });
}

describe('normalise/keyOrder (keys read by the order of earlier objects)', () => {
  it('predicts the key that followed last time, only when its bytes are exactly there', () => {
    const order = new KeyOrder();
    const [a, b, c] = learnAll(order, ['Operation', 'UserId', 'AppId'], [2, 6, 15]);
    const text = bytes('"Operation":"x","UserId":"y","AppId":"z"');
    assert.equal(order.predict(text, 0, text.length, 0), a);
    assert.equal(order.answer(a), 2);
    assert.equal(order.length(a), '"Operation"'.length);
    assert.equal(order.predict(text, 16, text.length, a), b);
    assert.equal(order.predict(text, 29, text.length, b), c);
    assert.equal(order.answer(c), 15);
    // One byte off, another case, shorter, longer, another quoting: no prediction.
    for (const other of ['"UserIe"', '"userId"', '"UserI"', '"UserIdX"', '""UserId""', '"UserId']) {
      const o = bytes(other);
      assert.equal(order.predict(o, 0, o.length, a), 0, other);
    }
    // The bytes must lie before `end`.
    const cut = bytes('"UserId"');
    assert.equal(order.predict(cut, 0, cut.length - 1, a), 0);
    // Nothing known after an unknown key, nor after the last one.
    assert.equal(order.predict(text, 16, text.length, -1), 0);
    assert.equal(order.predict(text, 0, text.length, c), 0);
  });

  it('follows a key order that changes: the latest successor wins', () => {
    const order = new KeyOrder();
    const [a, b] = learnAll(order, ['A', 'B', 'C'], [0, 1, 2]);
    // Now C follows A directly (B dropped): C keeps its slot, A's successor changes.
    const c = bytes('"C"');
    const slotC = order.learn(c, 0, c.length, 2, a);
    assert.notEqual(slotC, b);
    assert.equal(order.predict(c, 0, c.length, a), slotC);
    assert.equal(order.predict(bytes('"B"'), 0, 3, a), 0);
  });

  it('keeps no more than its capacity, and no key longer than its limit', () => {
    const order = new KeyOrder(4, 8);
    const slots = learnAll(order, ['k1', 'k2', 'k3', 'k4', 'k5'], [1, 2, 3, 4, 5]);
    assert.deepEqual(slots.slice(3), [-1, -1], 'slot 0 is the start: three keys fit');
    const long = bytes('"longer key"');
    assert.equal(new KeyOrder(4, 8).learn(long, 0, long.length, 1, 0), -1);
  });
});
