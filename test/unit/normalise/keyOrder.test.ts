import * as assert from 'node:assert/strict';
import { KeyOrder } from '../../../src/core/normalise/keyOrder';

const bytes = (text: string): Buffer => Buffer.from(text, 'latin1');

/** `order.predict` over `b` (a view of exactly its bytes, as the picker makes one). */
function predict(order: KeyOrder, b: Buffer, p: number, end: number, after: number): number {
  return order.predict(b, new DataView(b.buffer, b.byteOffset, b.byteLength), p, end, after);
}

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
    assert.equal(predict(order, text, 0, text.length, 0), a);
    assert.equal(order.answer(a), 2);
    assert.equal(order.length(a), '"Operation"'.length);
    assert.equal(predict(order, text, 16, text.length, a), b);
    assert.equal(predict(order, text, 29, text.length, b), c);
    assert.equal(order.answer(c), 15);
    // One byte off, another case, shorter, longer, another quoting: no prediction.
    for (const other of ['"UserIe"', '"userId"', '"UserI"', '"UserIdX"', '""UserId""', '"UserId']) {
      const o = bytes(other);
      assert.equal(predict(order, o, 0, o.length, a), 0, other);
    }
    // The bytes must lie before `end`.
    const cut = bytes('"UserId"');
    assert.equal(predict(order, cut, 0, cut.length - 1, a), 0);
    // Nothing known after an unknown key, nor after the last one.
    assert.equal(predict(order, text, 16, text.length, -1), 0);
    assert.equal(predict(order, text, 0, text.length, c), 0);
  });

  it('follows a key order that changes: the latest successor wins', () => {
    const order = new KeyOrder();
    const [a, b] = learnAll(order, ['A', 'B', 'C'], [0, 1, 2]);
    // Now C follows A directly (B dropped): C keeps its slot, A's successor changes.
    const c = bytes('"C"');
    const slotC = order.learn(c, 0, c.length, 2, a);
    assert.notEqual(slotC, b);
    assert.equal(predict(order, c, 0, c.length, a), slotC);
    assert.equal(predict(order, bytes('"B"'), 0, 3, a), 0);
  });

  it('compares keys of every length four bytes at a time, the last bytes too, up to the buffer end', () => {
    for (let n = 1; n <= 13; n++) {
      const key = 'ABCDEFGHIJKLM'.slice(0, n);
      const order = new KeyOrder();
      const [slot] = learnAll(order, [key], [n]);
      const quoted = `"${key}"`;
      // At the very end of the buffer (no whole word after the key's last bytes) and with more after.
      for (const tail of ['', ':1}', ':12345678}']) {
        const text = bytes(`{${quoted}${tail}`);
        assert.equal(predict(order, text, 1, text.length, 0), slot, `${quoted} before '${tail}'`);
        // Each byte changed in turn (the last, the high byte of a word, the quotes): no prediction.
        for (let i = 0; i < quoted.length; i++) {
          const other = Buffer.from(text);
          other[1 + i] ^= i % 2 ? 0x80 : 0x01;
          assert.equal(predict(order, other, 1, other.length, 0), 0, `${quoted} byte ${i} changed`);
        }
      }
      // A buffer cut inside the key's bytes, and `end` before its last byte with bytes after it.
      const cut = bytes(quoted.slice(0, -1));
      assert.equal(predict(order, cut, 0, cut.length, 0), 0);
      const whole = bytes(`${quoted}:1`);
      assert.equal(predict(order, whole, 0, quoted.length - 1, 0), 0);
    }
  });

  it('keeps no more than its capacity, and no key longer than its limit', () => {
    const order = new KeyOrder(4, 8);
    const slots = learnAll(order, ['k1', 'k2', 'k3', 'k4', 'k5'], [1, 2, 3, 4, 5]);
    assert.deepEqual(slots.slice(3), [-1, -1], 'slot 0 is the start: three keys fit');
    const long = bytes('"longer key"');
    assert.equal(new KeyOrder(4, 8).learn(long, 0, long.length, 1, 0), -1);
  });
});
