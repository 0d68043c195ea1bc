import * as assert from 'node:assert/strict';
import {
  commentText,
  kqlDatetime,
  kqlString,
  odataString,
  psString,
} from '../../../src/core/followup/escape';
import { HOSTILE } from './hostile';
import { kqlLiteralValue } from './kustoCheck';
import { psStrings } from './psLexer';

describe('followup/escape', function () {
  this.timeout(60_000);

  it('kqlString: Kusto.Language reads back exactly the value, for every hostile value', () => {
    for (const v of [...HOSTILE, '', '\\', '"', '\\"', 'a\\\\"b']) {
      const literal = kqlString(v);
      assert.ok(literal.startsWith('h"') && literal.endsWith('"'), literal);
      assert.ok(
        !/[\r\n\u2028\u2029]/.test(literal),
        `a literal stays on one line: ${JSON.stringify(literal)}`,
      );
      assert.equal(kqlLiteralValue(literal), v, `literal ${literal}`);
    }
  });

  it('kqlDatetime takes only ISO 8601 UTC times', () => {
    assert.equal(kqlDatetime('2025-03-03T00:00:00Z'), 'datetime(2025-03-03T00:00:00Z)');
    assert.equal(kqlDatetime('2025-03-03T00:00:00.5Z'), 'datetime(2025-03-03T00:00:00.5Z)');
    assert.throws(() => kqlDatetime('2025-03-03T00:00:00Z) | take 1 //'), /not an ISO 8601 UTC time/);
    assert.throws(() => kqlDatetime('2025-03-03'), /not an ISO 8601 UTC time/);
  });

  it('psString: the PowerShell tokenizer reads one single-quoted string holding the value', () => {
    for (const v of [...HOSTILE, '', "''", '\u2019\u2019']) {
      const literal = psString(v);
      const strings = psStrings(`$x = ${literal}`);
      assert.equal(strings.length, 1, literal);
      assert.equal(strings[0].quote, 'single');
      assert.equal(strings[0].value, v);
    }
  });

  it('odataString doubles single quotes', () => {
    assert.equal(odataString("o'brien"), "'o''brien'");
    assert.equal(odataString('<a@b>'), "'<a@b>'");
  });

  it('commentText keeps a comment on one line', () => {
    for (const v of HOSTILE) assert.ok(!/[\r\n\u2028\u2029\u0085]/.test(commentText(v)), JSON.stringify(v));
    assert.equal(commentText('a\nb'), 'a\\u000ab');
    assert.equal(commentText('x'.repeat(200)).length, 120);
  });
});
