import * as assert from 'node:assert/strict';
import { asciiBytes, ByteText } from '../../../src/core/report/byteText';

/** Strings JSON escapes, writes in several bytes, or that are not well-formed UTF-16. */
const strings = [
  '',
  'plain ascii <id@contoso.com>',
  'quote " backslash \\ slash /',
  'controls \u0000\u0001\u0008\t\n\u000b\f\r\u001f\u007f',
  'latin-1 é ß ÿ',
  'unicode 中文 😀 \u2028\u2029',
  'lone \ud800 high, lone \udc00 low, swapped \udc00\ud800',
  'ascii then wide at the end é',
];

describe('report/byteText', () => {
  it('quotes every string exactly as JSON.stringify, as UTF-8', () => {
    for (const s of strings) {
      const b = new ByteText(16);
      b.raw(asciiBytes('['));
      b.quoted(s);
      b.raw(asciiBytes(']'));
      assert.deepEqual(Buffer.from(b.view()), Buffer.from(`[${JSON.stringify(s)}]`, 'utf8'), s);
      assert.equal(b.toString(), `[${JSON.stringify(s)}]`);
    }
  });

  it('writes any text as the UTF-8 encoder does, after ASCII already written', () => {
    for (const s of strings) {
      const b = new ByteText(16);
      b.text('prefix ');
      b.text(s);
      assert.deepEqual(Buffer.from(b.view()), Buffer.from(`prefix ${s}`, 'utf8'), s);
    }
  });

  it('writes numbers as JSON does (null for what JSON cannot hold)', () => {
    const numbers = [
      0,
      -0,
      1,
      9,
      10,
      99,
      100,
      12345,
      2 ** 31 - 1,
      2 ** 31,
      2 ** 53,
      -1,
      -17,
      1.5,
      1e21,
      1e-7,
      NaN,
    ];
    const b = new ByteText(16);
    for (const n of [...numbers, Infinity, -Infinity]) {
      b.num(n);
      b.text(',');
    }
    b.num(undefined);
    const expected = [...numbers, Infinity, -Infinity].map((n) => JSON.stringify(n)).join(',') + ',null';
    assert.equal(b.toString(), expected);
  });

  it('grows past its first buffer and keeps what was written; clear starts over', () => {
    const b = new ByteText(16);
    let expected = '';
    for (let i = 0; i < 2000; i++) {
      const s = `${i}:${strings[i % strings.length]}`;
      b.quoted(s);
      b.num(i);
      expected += JSON.stringify(s) + String(i);
    }
    assert.equal(b.toString(), expected);
    assert.ok(b.bytes.length >= b.length);
    b.clear();
    b.text('again');
    assert.equal(b.toString(), 'again');
  });
});
