import * as assert from 'node:assert/strict';
import { RecordIdSet, recordIdHash } from '../../../src/core/investigation/recordIds';
import { prng } from '../../support/seededChoice';

/** Adds ids the way `SourceAccount` does: a record is appended exactly when its id was new. */
function fill(set: RecordIdSet, records: { id: string }[], ids: readonly string[]): boolean[] {
  return ids.map((id) => {
    const added = set.addNew(id);
    if (added) records.push({ id });
    return added;
  });
}

describe('investigation: record id set', () => {
  it('answers as a Set of the ids does, through many growths, duplicates included', () => {
    const next = prng(5);
    const ids = Array.from(
      { length: 30_000 },
      () => `89d0cc23-76d3-4f72-b83e-8927${String(next(20_000)).padStart(8, '0')}`,
    );
    const records: { id: string }[] = [];
    const set = new RecordIdSet(records);
    const want = new Set<string>();
    const added = fill(set, records, ids);
    ids.forEach((id, i) => {
      assert.equal(added[i], !want.has(id), `id ${i}`);
      want.add(id);
    });
    assert.equal(set.size, want.size);
    assert.deepEqual([...set], [...want], 'in the order added');
    for (let k = 0; k < 20_000; k++) {
      const id = `89d0cc23-76d3-4f72-b83e-8927${String(k).padStart(8, '0')}`;
      assert.equal(set.has(id), want.has(id), id);
    }
    assert.equal(set.has(''), false);
    assert.equal(set.has('89d0cc23'), false);
  });

  it('tells apart long ids of one hash by their text', () => {
    // Past 64 characters the hash samples some positions only: position 1 of a 200-character id is
    // not one of them.
    const base = 'x'.repeat(200);
    const ids = ['a', 'b', 'a', 'c', 'b'].map((c) => base[0] + c + base.slice(2));
    assert.equal(new Set(ids.map(recordIdHash)).size, 1, 'one hash for all');
    const records: { id: string }[] = [];
    const set = new RecordIdSet(records);
    assert.deepEqual(fill(set, records, ids), [true, true, false, true, false]);
    assert.equal(set.size, 3);
    assert.ok(set.has(ids[3]) && !set.has(base));
  });

  it('reads the ids from the list the records moved to, and fits where a Set goes', () => {
    const records: { id: string }[] = [];
    const set = new RecordIdSet(records);
    fill(set, records, ['r1', 'r2', 'r3']);
    const merged = [{ id: 'earlier' }, ...records];
    set.moveTo(merged, 1);
    records.length = 0; // the old list is not read any more
    assert.ok(set.has('r2') && !set.has('earlier'));
    const asSet: Set<string> = set;
    assert.deepEqual([...asSet.values()], ['r1', 'r2', 'r3']);
    const seen: string[] = [];
    asSet.forEach((v) => seen.push(v));
    assert.deepEqual(seen, ['r1', 'r2', 'r3']);
    assert.throws(() => asSet.delete('r1'), /never removed/);
  });
});
