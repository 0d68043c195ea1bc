import * as assert from 'node:assert/strict';
import { countText } from '../../../src/core/report/countText';

describe('report/countText', () => {
  it('writes what toLocaleString("en-US") writes', () => {
    const values = [0, -0, 1, -1, 7, 999, 1000, -1000, 1001, 12_345, 999_999, 1_000_000, -1_234_567];
    values.push(
      Number.MAX_SAFE_INTEGER,
      -Number.MAX_SAFE_INTEGER,
      2 ** 60,
      1.5,
      -0.25,
      1234.5678,
      NaN,
      Infinity,
    );
    for (let n = 1; n < 1e16; n = n * 7 + 3) values.push(n, -n, n + 0.5);
    for (const n of values) assert.equal(countText(n), n.toLocaleString('en-US'), String(n));
  });
});
