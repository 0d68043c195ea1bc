import * as assert from 'node:assert/strict';
import {
  folderKey,
  ipv4WithPortHost,
  messageIdKey,
  normaliseIp,
} from '../../../src/core/normalise/matchKeys';

describe('normalise/matchKeys', () => {
  describe('normaliseIp', () => {
    const cases: [string, string | undefined][] = [
      ['1.2.3.4', '1.2.3.4'],
      ['1.2.3.4:5678', '1.2.3.4'],
      ['[2001:db8::1]:443', '2001:db8::1'],
      ['[2001:DB8::1]', '2001:db8::1'],
      ['::ffff:1.2.3.4', '1.2.3.4'],
      ['::FFFF:10.0.0.1', '10.0.0.1'],
      ['[::ffff:1.2.3.4]:80', '1.2.3.4'],
      ['2001:BB6:5F4F:F058:4163:E14A:1332:27C7', '2001:bb6:5f4f:f058:4163:e14a:1332:27c7'],
      ['FE80::', 'fe80::'],
      ['2603:10b6:930:3d::7', '2603:10b6:930:3d::7'],
      ['  198.51.100.1  ', '198.51.100.1'],
      ['', undefined],
      ['   ', undefined],
    ];
    for (const [raw, expected] of cases) {
      it(`${JSON.stringify(raw)} -> ${JSON.stringify(expected)}`, () =>
        assert.equal(normaliseIp(raw), expected));
    }
  });

  it('ipv4WithPortHost answers a.b.c.d:port exactly as normaliseIp, and nothing else', () => {
    for (const [raw, host] of [
      ['203.0.113.25:23339', '203.0.113.25'],
      ['1.2.3.4:5', '1.2.3.4'],
      ['255.255.255.255:65535', '255.255.255.255'],
      ['999.0.0.0:99999', '999.0.0.0'],
    ]) {
      assert.equal(ipv4WithPortHost(raw), host, raw);
      assert.equal(normaliseIp(raw), host, raw);
    }
    const declined = [
      '1.2.3.4',
      '1.2.3.4:',
      '1.2.3.4:123456',
      '1.2.3:4',
      '1.2.3.4.5:6',
      '1234.2.3.4:5',
      ' 1.2.3.4:5',
      '1.2.3.4:5 ',
      '1.2.3.4:5x',
      '1..3.4:5',
      '[1.2.3.4]:5',
      '::ffff:1.2.3.4:5',
      '\u0661.2.3.4:5',
      '',
    ];
    for (const raw of declined) assert.equal(ipv4WithPortHost(raw), undefined, raw);
    // Random strings over the characters that matter: whenever it answers, normaliseIp agrees.
    let state = 99;
    const next = (n: number): number => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return state % n;
    };
    const alphabet = '0123456789.:: [f]x'.split('');
    let answered = 0;
    for (let round = 0; round < 200_000; round++) {
      let raw = '';
      for (let k = 0, n = 7 + next(16); k < n; k++) raw += alphabet[next(alphabet.length)];
      if (next(2) === 0)
        raw = `${next(256)}.${next(1000)}.${next(100)}.${next(10)}${raw.slice(0, next(3))}:${next(100000)}`;
      const host = ipv4WithPortHost(raw);
      if (host === undefined) continue;
      answered++;
      assert.equal(host, normaliseIp(raw), raw);
    }
    assert.ok(answered > 10_000, `${answered} answered`);
  });

  it('message id: trim, one pair of <> stripped, lower-case', () => {
    assert.equal(messageIdKey(' <ABC@Example.COM> '), 'abc@example.com');
    assert.equal(messageIdKey('ABC@Example.COM'), 'abc@example.com');
    assert.equal(messageIdKey('<<x@y>>'), '<x@y>');
    assert.equal(messageIdKey('<x@y'), '<x@y');
  });

  it('folder path: trim, one leading backslash stripped, lower-case', () => {
    assert.equal(folderKey('\\Inbox'), 'inbox');
    assert.equal(folderKey('Inbox'), folderKey('\\Inbox'));
    assert.equal(folderKey(' \\Boîte de réception '), 'boîte de réception');
    assert.equal(folderKey('\\\\Inbox'), '\\inbox');
    assert.equal(folderKey('\\Inbox\\Sub'), 'inbox\\sub');
  });
});
