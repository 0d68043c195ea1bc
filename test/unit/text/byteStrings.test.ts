import * as assert from 'node:assert/strict';
import {
  ByteStringCache,
  HASH_SEED,
  hashByte,
  hashBytes,
  hashWord,
  sameAsWords,
  sameBytes,
} from '../../../src/core/text/byteStrings';

const bytes = (text: string): Buffer => Buffer.from(text, 'utf8');
/** A DataView of exactly the bytes of `b` (small Buffers sit at an offset in a shared pool). */
const view = (b: Uint8Array): DataView => new DataView(b.buffer, b.byteOffset, b.byteLength);

describe('text/byteStrings (strings remembered by their bytes)', () => {
  it('hashes four bytes a step from the start, then byte by byte, exactly as over the whole span', () => {
    const b = bytes('553a66b4-b7c0-4540-a0de-f9d1977d2b81 Zoë');
    for (let start = 0; start < 5; start++) {
      for (let end = start; end <= b.length; end++) {
        let h = HASH_SEED;
        let i = start;
        for (; i + 4 <= end; i += 4) h = hashWord(h, b.readInt32LE(i));
        for (; i < end; i++) h = hashByte(h, b[i]);
        assert.equal(hashBytes(b, start, end), h, `${start}..${end}`);
      }
    }
    assert.equal(hashBytes(b, 0, 0), HASH_SEED);
    assert.notEqual(hashBytes(b, 0, 4), hashBytes(b, 1, 5));
  });

  it('changes the hash, and nearly always the slot, when any one byte changes', () => {
    const cache = new ByteStringCache(4096, 64);
    const b = bytes('553a66b4-b7c0-4540-a0de-f9d1977d2b81');
    const h = hashBytes(b, 0, b.length);
    let sameSlot = 0;
    for (let i = 0; i < b.length; i++) {
      for (const flip of [0x01, 0x10, 0x80]) {
        const c = Buffer.from(b);
        c[i] ^= flip;
        const g = hashBytes(c, 0, c.length);
        assert.notEqual(g, h, `byte ${i} ^ ${flip}`);
        if (cache.slot(g) === cache.slot(h)) sameSlot++;
      }
    }
    assert.ok(sameSlot <= 2, `${sameSlot} of ${3 * b.length} one-byte changes kept the slot`);
  });

  it('finds a value by equal bytes anywhere, only under the same tag', () => {
    const cache = new ByteStringCache(64, 32);
    const a = bytes('xx nils.costa@fabrikam.com yy');
    const h = hashBytes(a, 3, 26);
    assert.equal(cache.find(a, view(a), 3, 26, h, 1), undefined);
    cache.remember(a, 3, 26, h, 1, 'nils.costa@fabrikam.com');
    const b = bytes('nils.costa@fabrikam.com');
    assert.equal(
      cache.find(b, view(b), 0, b.length, hashBytes(b, 0, b.length), 1),
      'nils.costa@fabrikam.com',
    );
    assert.equal(cache.find(b, view(b), 0, b.length, hashBytes(b, 0, b.length), 2), undefined, 'another tag');
  });

  it('never answers for other bytes, even under the same hash and length', () => {
    const cache = new ByteStringCache(64, 32);
    const a = bytes('\\\\Inbox');
    const b = bytes('\\\\Inboy');
    cache.remember(a, 0, a.length, 7, 1, '\\Inbox');
    assert.equal(cache.find(a, view(a), 0, a.length, 7, 1), '\\Inbox');
    assert.equal(cache.find(b, view(b), 0, b.length, 7, 1), undefined, 'one byte differs');
    assert.equal(cache.find(a, view(a), 0, a.length - 1, 7, 1), undefined, 'shorter');
    assert.equal(cache.find(a, view(a), 0, a.length, 8, 1), undefined, 'another hash');
  });

  it('a value replaces the one in its slot, and values longer than the limit are not kept', () => {
    const cache = new ByteStringCache(16, 8);
    const a = bytes('first');
    const b = bytes('second');
    cache.remember(a, 0, a.length, 5, 0, 'first');
    cache.remember(b, 0, b.length, 5, 0, 'second');
    assert.equal(cache.find(a, view(a), 0, a.length, 5, 0), undefined);
    assert.equal(cache.find(b, view(b), 0, b.length, 5, 0), 'second');
    const long = bytes('longer than eight');
    cache.remember(long, 0, long.length, 9, 0, 'longer than eight');
    assert.equal(cache.find(long, view(long), 0, long.length, 9, 0), undefined);
  });

  it('prefixAt: the remembered bytes of a slot at a place, under its tag only', () => {
    const cache = new ByteStringCache(64, 32);
    const a = bytes('nils.costa@fabrikam.com');
    const h = hashBytes(a, 0, a.length);
    cache.remember(a, 0, a.length, h, 1, 'nils.costa@fabrikam.com');
    const s = cache.slot(h);
    assert.equal(cache.valueAt(s), 'nils.costa@fabrikam.com');
    const text = bytes('"nils.costa@fabrikam.com","');
    assert.equal(cache.prefixAt(s, text, view(text), 1, text.length, 1), a.length);
    assert.equal(cache.prefixAt(s, text, view(text), 1, text.length, 2), -1, 'another tag');
    assert.equal(cache.prefixAt(s, text, view(text), 1, a.length, 1), -1, 'past the limit');
    assert.equal(
      cache.prefixAt(
        s,
        bytes('"nils.costa@fabrikam.con"'),
        view(bytes('"nils.costa@fabrikam.con"')),
        1,
        30,
        1,
      ),
      -1,
      'one byte differs',
    );
    assert.equal(cache.prefixAt(cache.slot(h + 1), text, view(text), 1, text.length, 1), -1, 'an empty slot');
  });

  it('sameAsWords: stored bytes matched four at a time, at any place, of any length, up to the end', () => {
    const stored = bytes('0123456789abcdefgh');
    const block = new Uint8Array(64);
    block.set(stored, 8);
    const words = new Int32Array(block.buffer);
    for (let n = 0; n <= stored.length; n++) {
      for (const [before, after] of [
        ['', ''],
        ['x', ''],
        ['xyz', '"tail after"'],
        ['xy', '1'],
      ]) {
        const text = bytes(before + stored.subarray(0, n).toString() + after);
        const p = before.length;
        assert.equal(sameAsWords(text, view(text), p, words, 2, n), true, `${n} after '${before}'`);
        for (let i = 0; i < n; i++) {
          const other = Buffer.from(text);
          other[p + i] ^= i % 2 ? 0x80 : 0x02;
          assert.equal(sameAsWords(other, view(other), p, words, 2, n), false, `${n}: byte ${i} changed`);
        }
      }
    }
    // Bytes that would run past the buffer's end are not there.
    const cut = bytes('0123456');
    assert.equal(sameAsWords(cut, view(cut), 0, words, 2, 8), false);
  });

  it('sameBytes: equal spans of any length, and a difference at any place', () => {
    const a = bytes('xx0123456789abcdef');
    const b = bytes('0123456789abcdef');
    for (let n = 0; n <= 16; n++) {
      assert.equal(sameBytes(a, 2, b, 0, n), true, `length ${n}`);
      for (let at = 0; at < n; at++) {
        const c = Buffer.from(b);
        c[at] ^= 0x20;
        assert.equal(sameBytes(a, 2, c, 0, n), false, `length ${n}, byte ${at} differs`);
      }
    }
  });

  it('stays bounded: of many distinct values it keeps at most one per slot', () => {
    const cache = new ByteStringCache(64, 16);
    const values = Array.from({ length: 20_000 }, (_, i) => `v${i}`);
    for (const v of values) {
      const b = bytes(v);
      cache.remember(b, 0, b.length, hashBytes(b, 0, b.length), 0, v);
    }
    let kept = 0;
    for (const v of values) {
      const b = bytes(v);
      const found = cache.find(b, view(b), 0, b.length, hashBytes(b, 0, b.length), 0);
      if (found !== undefined) {
        assert.equal(found, v);
        kept++;
      }
    }
    assert.ok(kept > 0 && kept <= 64, `${kept} kept`);
  });
});
