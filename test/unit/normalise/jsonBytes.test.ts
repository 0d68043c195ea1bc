import * as assert from 'node:assert/strict';
import { notPlain, PLAIN } from '../../../src/core/normalise/jsonBytes';

/** The word of four bytes as a little-endian read gives it. */
function word(b0: number, b1: number, b2: number, b3: number): number {
  return Buffer.from([b0, b1, b2, b3]).readInt32LE(0);
}

/** What `notPlain` must answer: whether any of the four bytes is not `PLAIN`. */
function expected(b: number[]): boolean {
  return b.some((c) => PLAIN[c] !== 1);
}

describe('normalise/jsonBytes (the scanner under the AuditData picker)', () => {
  it('tests a word as the table tests its four bytes: every byte value at every place', () => {
    for (const filler of [0x20, 0x41, 0x7f, 0x23, 0x5d, 0x21]) {
      for (let place = 0; place < 4; place++) {
        for (let c = 0; c < 256; c++) {
          const b = [filler, filler, filler, filler];
          b[place] = c;
          assert.equal(notPlain(word(b[0], b[1], b[2], b[3])) !== 0, expected(b), `byte ${c} at ${place}`);
        }
      }
    }
  });

  it('does so for pairs of bytes too (a borrow from one byte never hides or invents another)', () => {
    const picks = [
      0x00, 0x01, 0x1f, 0x20, 0x21, 0x22, 0x23, 0x5b, 0x5c, 0x5d, 0x7e, 0x7f, 0x80, 0x81, 0xa2, 0xdc, 0xff,
    ];
    for (const a of picks)
      for (const b of picks)
        for (let i = 0; i < 4; i++)
          for (let j = 0; j < 4; j++) {
            if (i === j) continue;
            const w = [0x41, 0x41, 0x41, 0x41];
            w[i] = a;
            w[j] = b;
            assert.equal(
              notPlain(word(w[0], w[1], w[2], w[3])) !== 0,
              expected(w),
              `${a} at ${i}, ${b} at ${j}`,
            );
          }
  });
});
