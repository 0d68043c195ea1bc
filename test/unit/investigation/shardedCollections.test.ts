import * as assert from 'node:assert/strict';
import {
  SHARDS,
  SPLIT_AT,
  ShardedMap,
  ShardedSet,
  shardOf,
} from '../../../src/core/investigation/shardedCollections';

/** Deterministic pseudo-random 32-bit values (xorshift), so the test ids look like real ones. */
function randomWords(seed: number): () => number {
  let x = seed | 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x >>> 0;
  };
}
const hex8 = (n: number): string => n.toString(16).padStart(8, '0');

/** A record id shaped like the exports' (a GUID whose last part counts up, as the bench's do). */
const recordId = (i: number): string => {
  const r = randomWords(i + 1);
  r();
  return `${hex8(r())}-${hex8(r()).slice(0, 4)}-4866-8e2f-3043${hex8(i)}`;
};
/** A message id shaped like Exchange Online's (32 random hex digits between a fixed prefix and host). */
const messageId = (i: number): string => {
  const r = randomWords(i + 7);
  r();
  const hex = (hex8(r()) + hex8(r()) + hex8(r()) + hex8(r())).toUpperCase();
  return `<BN8PR12MB8603${hex}@BN8PR12MB8603.namprd12.prod.outlook.com>`;
};

// Well past the split, so every shard grows through several of V8's table doublings (about 260
// entries a shard).
const MANY = 2 * SPLIT_AT + 1_234;

describe('sharded collections', function () {
  // Hundreds of thousands of operations: seconds on a loaded machine.
  this.timeout(60_000);

  describe('shardOf', () => {
    for (const [name, make] of [
      ['record ids', recordId],
      ['message ids', messageId],
      ['short counters', (i: number) => String(i)],
    ] as const) {
      it(`spreads ${name} evenly over the shards`, () => {
        const counts = new Array<number>(SHARDS).fill(0);
        const n = 100 * SHARDS;
        for (let i = 0; i < n; i++) counts[shardOf(make(i))]++;
        // A fair spread puts 100 in each (sd 10); one shard holding everything would fail at once.
        assert.ok(Math.min(...counts) >= 50, `fewest in a shard: ${Math.min(...counts)}`);
        assert.ok(Math.max(...counts) <= 150, `most in a shard: ${Math.max(...counts)}`);
      });
    }

    it('gives every key, however short or odd, a shard in range and the same one each time', () => {
      for (const key of ['', 'a', 'ab', 'x'.repeat(16), 'x'.repeat(17), '😀', 'ü'.repeat(40)]) {
        const s = shardOf(key);
        assert.ok(Number.isInteger(s) && s >= 0 && s < SHARDS, `${key}: ${s}`);
        assert.equal(shardOf(`${key}`), s);
      }
    });
  });

  describe('ShardedSet', () => {
    it('answers like a Set while it grows past the split and every shard past several doublings', () => {
      const sharded = new ShardedSet();
      const plain = new Set<string>();
      for (let i = 0; i < MANY; i++) {
        const id = recordId(i);
        sharded.add(id);
        plain.add(id);
        // A repeat changes nothing.
        if (i % 7 === 0) sharded.add(recordId(i >> 1));
        if (i % 7 === 0) plain.add(recordId(i >> 1));
        // The SPLIT_AT-th distinct id spreads the set over the shards.
        assert.equal(sharded.shardCount, plain.size < SPLIT_AT ? 1 : SHARDS, `shards after ${i + 1}`);
        if (i === SPLIT_AT - 2 || i === SPLIT_AT - 1 || i === SPLIT_AT || i % 10_007 === 0) {
          assert.equal(sharded.size, plain.size, `size after ${i + 1}`);
          for (let k = 0; k <= i; k += 997) assert.ok(sharded.has(recordId(k)), `has ${k} after ${i + 1}`);
          assert.ok(!sharded.has(recordId(i + 1)), `not yet ${i + 1}`);
        }
      }
      assert.equal(sharded.size, MANY);
      assert.equal(sharded.size, plain.size);
      for (const id of plain) assert.ok(sharded.has(id));
      assert.ok(!sharded.has('not an id'));
      const listed = [...sharded];
      assert.equal(listed.length, MANY);
      assert.deepEqual(new Set(listed), plain);
      assert.deepEqual([...sharded.keys()].sort(), [...plain].sort());
      assert.deepEqual(
        [...sharded.entries()].every(([a, b]) => a === b && plain.has(a)),
        true,
      );
      let visited = 0;
      sharded.forEach(function (this: unknown, value, key, set) {
        assert.equal(value, key);
        assert.equal(set, sharded);
        assert.equal(this, plain);
        visited++;
      }, plain);
      assert.equal(visited, MANY);
    });

    it('says whether addNew added the value, before and after the split', () => {
      const sharded = new ShardedSet();
      const n = SPLIT_AT + 5_000;
      for (let i = 0; i < n; i++) {
        assert.equal(sharded.addNew(recordId(i)), true, `new ${i}`);
        if (i % 3 === 0) assert.equal(sharded.addNew(recordId(i >> 1)), false, `repeat ${i >> 1}`);
      }
      assert.equal(sharded.size, n);
      assert.equal(sharded.shardCount, SHARDS);
      for (let i = 0; i < n; i += 101) assert.equal(sharded.addNew(recordId(i)), false);
      assert.equal(sharded.size, n);
      assert.equal(sharded.addNew('not an id'), true);
      assert.equal(sharded.size, n + 1);
      assert.ok(sharded.has('not an id'));
    });

    it('is a Set: it goes wherever one is expected, and copies into one', () => {
      const sharded = new ShardedSet(['b', 'a', 'b']);
      assert.ok(sharded instanceof Set);
      assert.equal(sharded.size, 2);
      assert.deepEqual(new Set(sharded), new Set(['a', 'b']));
    });

    it('deletes before and after the split, and starts over after clear', () => {
      const sharded = new ShardedSet();
      assert.equal(sharded.delete('x'), false);
      sharded.add('x');
      assert.equal(sharded.delete('x'), true);
      assert.equal(sharded.size, 0);
      for (let i = 0; i < MANY; i++) sharded.add(messageId(i));
      for (let i = 0; i < MANY; i += 2) assert.equal(sharded.delete(messageId(i)), true);
      assert.equal(sharded.delete(messageId(0)), false);
      assert.equal(sharded.size, MANY - Math.ceil(MANY / 2));
      assert.ok(!sharded.has(messageId(2)) && sharded.has(messageId(3)));
      assert.equal([...sharded].length, sharded.size);
      sharded.clear();
      assert.equal(sharded.size, 0);
      assert.equal(sharded.shardCount, 1);
      assert.ok(!sharded.has(messageId(3)));
      assert.deepEqual([...sharded], []);
      // Grows and splits again after clear.
      for (let i = 0; i < SPLIT_AT + 10; i++) sharded.add(recordId(i));
      assert.equal(sharded.size, SPLIT_AT + 10);
      assert.equal(sharded.shardCount, SHARDS);
      assert.ok(sharded.has(recordId(SPLIT_AT + 9)) && sharded.has(recordId(0)));
    });
  });

  describe('ShardedMap', () => {
    it('answers like a Map while it grows past the split and every shard past several doublings', () => {
      const sharded = new ShardedMap<number>();
      const plain = new Map<string, number>();
      for (let i = 0; i < MANY; i++) {
        const key = messageId(i);
        sharded.set(key, i);
        plain.set(key, i);
        if (i % 5 === 0) {
          // Replacing a value keeps the size.
          sharded.set(messageId(i >> 1), -i);
          plain.set(messageId(i >> 1), -i);
        }
        assert.equal(sharded.shardCount, plain.size < SPLIT_AT ? 1 : SHARDS, `shards after ${i + 1}`);
        if (i === SPLIT_AT - 1 || i === SPLIT_AT || i % 10_007 === 0) {
          assert.equal(sharded.size, plain.size, `size after ${i + 1}`);
          for (let k = 0; k <= i; k += 991) assert.equal(sharded.get(messageId(k)), plain.get(messageId(k)));
        }
      }
      assert.equal(sharded.size, plain.size);
      for (const [k, v] of plain) {
        assert.equal(sharded.get(k), v);
        assert.ok(sharded.has(k));
      }
      assert.equal(sharded.get('<absent@example.com>'), undefined);
      assert.ok(!sharded.has('<absent@example.com>'));
      assert.deepEqual(new Map(sharded.entries()), plain);
      assert.deepEqual(
        [...sharded.values()].sort((a, b) => a - b),
        [...plain.values()].sort((a, b) => a - b),
      );
    });

    it('deletes, and starts over after clear', () => {
      const sharded = new ShardedMap<string>();
      for (let i = 0; i < SPLIT_AT * 2; i++) sharded.set(recordId(i), String(i));
      assert.equal(sharded.delete(recordId(5)), true);
      assert.equal(sharded.delete(recordId(5)), false);
      assert.equal(sharded.size, SPLIT_AT * 2 - 1);
      assert.equal(sharded.get(recordId(5)), undefined);
      assert.equal(sharded.get(recordId(6)), '6');
      assert.equal(sharded.shardCount, SHARDS);
      sharded.clear();
      assert.equal(sharded.size, 0);
      assert.equal(sharded.shardCount, 1);
      assert.equal(sharded.get(recordId(6)), undefined);
      assert.deepEqual([...sharded.entries()], []);
      sharded.set('k', 'v');
      assert.equal(sharded.get('k'), 'v');
    });
  });
});
