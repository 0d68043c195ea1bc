import * as assert from 'node:assert/strict';
import type { SourceStats } from '../../../src/core/investigation/types';
import { Interner } from '../../../src/core/investigation/interner';
import type { MiaRecord } from '../../../src/core/model';
import { encodeIndex } from '../../../src/core/savedIndex/encodeIndex';
import { FolderIdentities, FolderTable } from '../../../src/core/savedIndex/folderTable';
import { decodedRecords, mixedRecords, plainRecords } from '../../support/codedRecords';
import { prng } from '../../support/seededChoice';

/** Gives `items` to `table` as one listing of `identity`; its index and whether it was added. */
function give(table: FolderTable, identity: number, items: readonly number[]): [number, boolean] {
  table.start();
  for (const i of items) table.item(i);
  const k = table.add(identity);
  return [k, table.added];
}

describe('saved index: folder listings found by number', () => {
  it('gives equal listings one index and every other listing the next one, past many growths', () => {
    const next = prng(11);
    const table = new FolderTable();
    const expected = new Map<string, number>();
    for (let i = 0; i < 20_000; i++) {
      // Few identities and short item lists: many listings repeat, some differ in one item only.
      const identity = next(7);
      const items = Array.from({ length: next(5) }, () => next(30));
      const text = JSON.stringify([identity, items]);
      const [k, added] = give(table, identity, items);
      const before = expected.get(text);
      if (before === undefined) expected.set(text, expected.size);
      assert.equal(k, before ?? expected.size - 1, text);
      assert.equal(added, before === undefined, text);
      assert.deepEqual([...table.items], items);
    }
    assert.equal(table.count, expected.size);
    assert.ok(expected.size > 5000, `${expected.size} distinct listings`);
  });

  it('tells apart listings that differ in identity, in item order or in length only', () => {
    const table = new FolderTable();
    assert.deepEqual(give(table, 1, [4, 5]), [0, true]);
    assert.deepEqual(give(table, 2, [4, 5]), [1, true]);
    assert.deepEqual(give(table, 1, [5, 4]), [2, true]);
    assert.deepEqual(give(table, 1, [4, 5, 0]), [3, true]);
    assert.deepEqual(give(table, 1, []), [4, true]);
    assert.deepEqual(give(table, 1, [4, 5]), [0, false]);
    assert.deepEqual(give(table, 1, []), [4, false]);
    // A listing longer than the first scratch space.
    const long = Array.from({ length: 300 }, (_, i) => i);
    assert.deepEqual(give(table, 3, long), [5, true]);
    assert.deepEqual(give(table, 3, long), [5, false]);
  });

  it('numbers folders by path, key and id, an absent id apart from an empty one', () => {
    const ids = new FolderIdentities();
    assert.equal(ids.of('\\Inbox', '\\inbox', undefined), 0);
    assert.equal(ids.of('\\Inbox', '\\inbox', ''), 1);
    assert.equal(ids.of('\\Inbox', '\\Inbox', undefined), 2);
    assert.equal(ids.of('\\Archive', '\\inbox', undefined), 3);
    assert.equal(ids.of('\\Inbox', '\\inbox', 'LgAAAA'), 4);
    assert.equal(ids.of('\\Inbox', '\\inbox', undefined), 0);
    assert.equal(ids.of('\\Inbox', '\\inbox', 'LgAAAA'), 4);
  });

  it('an index holds each distinct folder listing once, from codes and from objects alike', () => {
    const records = mixedRecords(400, 5);
    const stats = { path: 'x.csv' } as unknown as SourceStats;
    const metaOf = (rs: MiaRecord[]): { folders: number; records: number } => {
      const bytes = Buffer.concat(encodeIndex({ stats, records: rs, otherIds: [] }));
      const offset = bytes.readDoubleLE(32);
      const length = bytes.readDoubleLE(40);
      return JSON.parse(bytes.toString('utf8', offset, offset + length)) as {
        folders: number;
        records: number;
      };
    };
    // Listings told apart as the model does: path, key, id and the messages' values, in order.
    const listings = new Set<string>();
    for (const r of plainRecords(records))
      for (const f of r.folders)
        listings.add(
          JSON.stringify([f.path, f.key, f.id, f.items.map((m) => [m.internetMessageId, m.key, m.subject])]),
        );
    const folderCount = plainRecords(records).reduce((n, r) => n + r.folders.length, 0);
    assert.ok(listings.size < folderCount / 2, `${listings.size} of ${folderCount} listings distinct`);
    assert.equal(metaOf(plainRecords(records)).folders, listings.size);
    assert.equal(metaOf(decodedRecords(new Interner(), records)).folders, listings.size);
  });
});
