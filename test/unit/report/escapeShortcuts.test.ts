import * as assert from 'node:assert/strict';
import { mdLinkText, mdList, mdText } from '../../../src/core/report/escape';
import { htmlText, list } from '../../../src/core/report/htmlParts';
import { pick, prng } from '../../support/seededChoice';

// The escapes as written before their shortcuts (a value needing no change is returned as it is;
// list values are remembered): every replacement, always.
function fullLinkText(value: string): string {
  // eslint-disable-next-line no-control-regex -- the reference escape, as in escape.ts.
  const flat = value.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, ' ');
  const entity: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
  return flat
    .replace(/[\\`*_{}[\]#|~^$]/g, (c) => `\\${c}`)
    .replace(/[&<>]/g, (c) => entity[c])
    .replace(/:\/\//g, '&#58;//')
    .replace(/\b(www)\./gi, '$1&#46;');
}
const fullText = (value: string): string =>
  fullLinkText(value)
    .replace(/@/g, '\\@')
    .replace(/\.(?=\p{L})/gu, '\\.');
const fullHtml = (value: string): string =>
  value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** Short strings over an alphabet of every character (and pair) an escape treats specially. */
function samples(n: number): string[] {
  const next = prng(42);
  const alphabet = [
    ...'abcWw09 .:/@\\`*_{}[]#|~^$&<>"\'!()+-é中😀',
    '\u0000',
    '\t',
    '\n',
    '\u007f',
    '\u2028',
    'www.',
    'WWW.',
    '://',
    '.é',
    'x.y',
  ];
  const out = ['', 'plain', 'contoso.com', 'user@contoso.com', '<Id@Contoso.com>', 'http://www.example.com'];
  for (let i = 0; i < n; i++) {
    let s = '';
    for (let k = next(8); k >= 0; k--) s += pick(next, alphabet);
    out.push(s);
  }
  // Message ids and addresses (mdText's one-pass path), now and then with another character.
  const idAlphabet = [...'aZ09.@<>_-+%', 'www.', 'wWw.', 'x.y', '.a', '.9', '..', '<a.b@c.d>', '中', ':'];
  for (let i = 0; i < n; i++) {
    let s = '';
    for (let k = next(12); k >= 0; k--) s += pick(next, next(20) === 0 ? alphabet : idAlphabet);
    out.push(s);
  }
  return out;
}

describe('report/escape shortcuts', () => {
  const values = samples(20_000);

  it('mdText and mdLinkText give what every replacement gives', () => {
    for (const v of values) {
      assert.equal(mdLinkText(v), fullLinkText(v), JSON.stringify(v));
      assert.equal(mdText(v), fullText(v), JSON.stringify(v));
    }
  });

  it('htmlText gives what every replacement gives', () => {
    for (const v of values) assert.equal(htmlText(v), fullHtml(v), JSON.stringify(v));
  });

  it('lists give the escaped values, remembered or not, and honour their limit', () => {
    for (let i = 0; i + 3 <= values.length; i += 3) {
      const three = values.slice(i, i + 3);
      for (const vs of [three.slice(0, 1), three]) {
        // Twice: the second time from what was remembered.
        for (let twice = 0; twice < 2; twice++) {
          assert.equal(mdList(vs), vs.map(fullText).join(', '));
          assert.equal(list(vs), vs.map(fullHtml).join(', '));
        }
      }
    }
    assert.equal(mdList(['a'], 0), ' … (+1)');
    assert.equal(list(['a', 'b'], 1), 'a … (+1)');
  });
});
