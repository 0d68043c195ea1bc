import * as assert from 'node:assert/strict';
import { ascendingOrder, extendedOrder, rankedOrder, viewInOrder } from '../../../src/core/query/sortOrder';
import { TextBlob } from '../../../src/core/query/textBlob';
import { prng } from '../../support/seededChoice';

describe('TextBlob', () => {
  it('finds each string containing the needle once, across full blocks and the partial tail', () => {
    const next = prng(1);
    const alphabet = ['a', 'b', 'ab', 'ba', '\u0000', 'é', 'x'];
    const strings = Array.from({ length: 230 }, () =>
      Array.from({ length: next(6) }, () => alphabet[next(alphabet.length)]).join(''),
    );
    const blob = new TextBlob(16);
    strings.forEach((s) => blob.push(s));
    assert.equal(blob.length, strings.length);
    for (const needle of ['a', 'ab', 'bab', 'é', 'xx', 'aaaa', 'b\u00e9']) {
      const hits: number[] = [];
      blob.search(needle, (i) => hits.push(i));
      const want = strings.map((s, i) => (s.includes(needle) ? i : -1)).filter((i) => i >= 0);
      assert.deepEqual(hits, want, needle);
    }
  });

  it('finds a needle at the very start and end of a block, and in empty-string neighbourhoods', () => {
    const blob = new TextBlob(4);
    for (const s of ['needle', '', '', 'xneedle', 'needle', '', 'y', '']) blob.push(s);
    const hits: number[] = [];
    blob.search('needle', (i) => hits.push(i));
    assert.deepEqual(hits, [0, 3, 4]);
  });
});

describe('TextBlob with entries of several pieces', () => {
  it('finds each entry once, whether it holds several pieces or none, searched while it grows', () => {
    const next = prng(3);
    const alphabet = ['a', 'b', 'ab', 'é', 'x', ''];
    const entries: string[][] = [];
    const blob = new TextBlob(8);
    for (let i = 0; i < 300; i++) {
      const pieces = Array.from({ length: next(4) }, () =>
        Array.from({ length: next(4) }, () => alphabet[next(alphabet.length)]).join(''),
      );
      entries.push(pieces);
      blob.begin();
      pieces.forEach((p) => blob.add(p));
      // Searching seals the pieces so far into a block of any size: later entries go on after it.
      if (next(10) === 0 || i === 299) {
        assert.equal(blob.length, entries.length);
        for (const needle of ['a', 'ab', 'bb', 'é', 'xa', 'aaa']) {
          const hits: number[] = [];
          blob.search(needle, (h) => hits.push(h));
          // A needle never spans two pieces: they are kept apart.
          const want = entries
            .map((e, k) => (e.some((p) => p.includes(needle)) ? k : -1))
            .filter((k) => k >= 0);
          assert.deepEqual(hits, want, `${needle} after ${i + 1} entries`);
        }
      }
    }
  });
});

describe('sort orders', () => {
  const reference = (key: number[]) => key.map((_, i) => i).sort((a, b) => key[a] - key[b] || a - b);

  for (const [name, make] of [
    ['small integer range (counting sort)', (next: (k: number) => number) => next(30) - 5],
    ['wide integer range (packed)', (next: (k: number) => number) => next(2_000_000_000) * 3],
    ['fractions (comparator)', (next: (k: number) => number) => next(50) / 7],
    // Times in ms over a month: wider than a counting sort takes, below 2^32 (radix sort).
    ['times over a month (radix)', (next: (k: number) => number) => 1.7e12 + next(30 * 86_400_000)],
    ['negative keys below 2^32 apart (radix)', (next: (k: number) => number) => next(4_000_000) - 3e9],
    // Whole seconds over ten years: more than 2^32 ms apart, radix-sorted in seconds.
    [
      'whole seconds over ten years (radix in seconds)',
      (next: (k: number) => number) => 1.4e12 + next(10 * 365 * 86_400) * 1000,
    ],
  ] as const) {
    it(`sorts ${name} ascending with ties in index order`, () => {
      const next = prng(name.length);
      const key = Array.from({ length: 2000 }, () => make(next));
      assert.deepEqual([...ascendingOrder(key)], reference(key));
    });
  }

  it('extends an order as keys are added (merged in), equal to sorting all, ties by index', () => {
    const next = prng(8);
    for (const make of [
      (k: number) => 1.7e12 + next(k) * 1000,
      (k: number) => next(k) / 3,
      (k: number) => next(k) - 5,
    ]) {
      const all = new Float64Array(Array.from({ length: 3000 }, () => make(40)));
      let order = ascendingOrder(all.subarray(0, 1));
      for (const end of [1, 2, 50, 51, 900, 2999, 3000]) {
        order = extendedOrder(order, all.subarray(0, end));
        assert.deepEqual([...order], reference([...all.subarray(0, end)]), `${end} keys`);
      }
      const plain = Array.from(all.subarray(0, 700));
      assert.deepEqual([...extendedOrder(ascendingOrder(plain.slice(0, 300)), plain)], reference(plain));
    }
  });

  it('orders records by the rank of their value code, ties by index (codes past n ignored)', () => {
    const next = prng(12);
    const values = 37;
    // A rank per code: a shuffled 0 … values − 1.
    const rank = Int32Array.from({ length: values }, (_, c) => c);
    for (let c = values - 1; c > 0; c--) {
      const d = next(c + 1);
      [rank[c], rank[d]] = [rank[d], rank[c]];
    }
    const codes = Uint32Array.from({ length: 1200 }, () => next(values));
    const n = 1000;
    const { order, key } = rankedOrder(codes, rank, n);
    const want = Array.from({ length: n }, (_, i) => rank[codes[i]]);
    assert.deepEqual([...key], want);
    assert.deepEqual([...order], reference(want));
  });

  it('keeps an already sorted list as it is', () => {
    const key = [1, 1, 2, 5, 5, 9];
    assert.deepEqual([...ascendingOrder(key)], [0, 1, 2, 3, 4, 5]);
  });

  it('lays out a selection either way, ties in index order even when descending', () => {
    const next = prng(4);
    const key = Array.from({ length: 500 }, () => next(20));
    const keep = new Uint8Array(key.length).map(() => (next(3) === 0 ? 0 : 1));
    const count = keep.reduce((n, k) => n + k, 0);
    const order = ascendingOrder(key);
    const selected = reference(key).filter((i) => keep[i]);
    assert.deepEqual([...viewInOrder(order, key, false, keep, count)], selected);
    const descending = key
      .map((_, i) => i)
      .filter((i) => keep[i])
      .sort((a, b) => key[b] - key[a] || a - b);
    assert.deepEqual([...viewInOrder(order, key, true, keep, count)], descending);
    assert.deepEqual(
      [...viewInOrder(order, key, true, undefined, key.length)],
      key.map((_, i) => i).sort((a, b) => key[b] - key[a] || a - b),
    );
  });
});
