import * as assert from 'node:assert/strict';
import { folderKey, messageIdKey, normaliseIp } from '../../../src/core/normalise/matchKeys';

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
