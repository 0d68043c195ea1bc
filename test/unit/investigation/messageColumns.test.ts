import * as assert from 'node:assert/strict';
import {
  derivedKeyOf,
  GIVEN_KEY,
  keyKindCode,
  MessageColumns,
} from '../../../src/core/investigation/messageColumns';
import {
  DERIVED_KEY_KINDS,
  derivedMessageKey,
  KEY_INNER,
  KEY_INNER_LOWER,
  KEY_LOWER,
  NONE,
} from '../../../src/core/worker/rowBatchFormat';

const KINDS = DERIVED_KEY_KINDS;

describe('investigation: message columns', () => {
  it('holds a key given as text as the kind that makes it from the id, and gives back the same key', () => {
    const id = '<Ab.Cd@Host>';
    for (const kind of KINDS) {
      const key = derivedMessageKey(id, kind);
      const code = keyKindCode(id, key);
      assert.equal(code, -kind, key);
      assert.equal(derivedKeyOf(id, code), key);
    }
    // Kinds are tried in order: an id in lower case without brackets is its own key (NONE).
    assert.equal(keyKindCode('a@x', 'a@x'), -NONE);
    assert.equal(keyKindCode('<a@x>', 'a@x'), -KEY_INNER);
    assert.equal(keyKindCode('<A@x>', 'a@y'), GIVEN_KEY, 'no kind makes it');
    assert.equal(keyKindCode('<A@x>', ' a@x'), GIVEN_KEY);

    const c = new MessageColumns();
    const given = c.add('<A@x>', 'something else', GIVEN_KEY, 5, undefined);
    const classified = c.add('<A@x>', 'a@x', GIVEN_KEY, 5, undefined);
    const derived = c.add('<A@x>', undefined, -KEY_LOWER, 5, undefined);
    assert.deepEqual([given, classified, derived], [0, 1, 2], 'codes count from 0');
    assert.deepEqual(
      [c.kindAt(given), c.kindAt(classified), c.kindAt(derived)],
      [GIVEN_KEY, -KEY_INNER_LOWER, -KEY_LOWER],
    );
    assert.deepEqual(
      [c.keyAt(given), c.keyAt(classified), c.keyAt(derived)],
      ['something else', 'a@x', '<a@x>'],
    );
  });

  it('gives back every value as added: sizes (none, zero, large), subjects coming after messages without one', () => {
    const c = new MessageColumns();
    const rows: [string, number | undefined, string | undefined][] = [];
    for (let i = 0; i < 3000; i++) {
      const size = i % 3 === 0 ? undefined : i % 3 === 1 ? 0 : 2 ** 40 + i;
      // No subject before the 1,500th message, then one every other message.
      const subject = i >= 1500 && i % 2 === 0 ? `Subject ${i}` : undefined;
      rows.push([`<M${i}@host>`, size, subject]);
      assert.equal(c.add(`<M${i}@host>`, undefined, -KEY_INNER_LOWER, size, subject), i);
    }
    assert.equal(c.count, rows.length);
    rows.forEach(([id, size, subject], code) => {
      assert.equal(c.idAt(code), id);
      assert.equal(c.keyAt(code), `m${code}@host`);
      assert.equal(c.sizeAt(code), size, `size of ${code}`);
      assert.equal(c.subjectAt(code), subject, `subject of ${code}`);
      assert.ok(c.holds(code, id, size, subject));
      assert.ok(!c.holds(code, id, size === undefined ? 0 : undefined, subject));
      assert.ok(!c.holds(code, id, size, subject === undefined ? '' : undefined));
      assert.ok(!c.holds(code, `${id} `, size, subject));
    });
  });

  it('compares a key with the one a message holds, whatever its kind, without a false match', () => {
    const c = new MessageColumns();
    const id = '<Ab@Cd>';
    const codes = KINDS.map((kind) => c.add(id, undefined, -kind, undefined, undefined));
    const given = c.add(id, 'given', GIVEN_KEY, undefined, undefined);
    codes.forEach((code, k) => {
      for (const other of KINDS) {
        const key = derivedMessageKey(id, other);
        assert.equal(c.keyIs(code, key), key === derivedMessageKey(id, KINDS[k]), `${k} against ${key}`);
      }
      // Same length as the inner text, other characters; the inner text plus one.
      assert.equal(c.keyIs(code, 'Ab@Cx'), false);
      assert.equal(c.keyIs(code, 'Ab@Cd>'), false);
    });
    assert.ok(c.keyIs(given, 'given'));
    assert.ok(!c.keyIs(given, 'ab@cd'));
  });
});
