import * as assert from 'node:assert/strict';
import { UseTable } from '../../../src/core/analysis/useTable';
import { boundMessageTable } from '../../../src/core/analysis/messageTable';
import { indexContexts } from '../../../src/core/analysis/contextIndex';
import { H, rec, T0 } from './records';

/** Every owner's uses as [context, first, last, count] lists. */
function usesOf(table: UseTable, owners: number): number[][][] {
  const all: number[][][] = [];
  for (let o = 0; o < owners; o++) {
    const list: number[][] = [];
    for (let u = table.firstUse(o); u >= 0; u = table.nextUse(u))
      list.push([table.contextOf(u), table.firstRecordOf(u), table.lastRecordOf(u), table.countOf(u)]);
    all.push(list);
  }
  return all;
}

/** A table of `owners` owners used by records 0 … `records` − 1 in a few contexts. */
function filled(owners: number, records: number): UseTable {
  const table = new UseTable(4, 4);
  for (let p = 0; p < records; p++) table.add((p * 7) % owners, p % 3, p);
  return table;
}

describe('analysis/useTable (uses of many owners in pooled arrays)', () => {
  it('trim cuts the arrays to the owners and uses made, and every use reads the same', () => {
    const table = filled(37, 300);
    const before = usesOf(table, 37);
    assert.ok(table.capacity().uses > 111 || table.capacity().owners > 37, 'the arrays grew by doubling');
    table.trim(37);
    assert.deepEqual(table.capacity(), { owners: 37, uses: before.flat().length });
    assert.deepEqual(usesOf(table, 37), before);
    assert.equal(table.firstUse(37), -1, 'an owner past the table has no use');
  });

  it('a trimmed table grows again when more is added', () => {
    const table = filled(5, 20);
    table.trim(5);
    table.add(4, 2, 20);
    table.add(4, 9, 21);
    table.add(8, 1, 22);
    const expected = filled(5, 20);
    expected.add(4, 2, 20);
    expected.add(4, 9, 21);
    expected.add(8, 1, 22);
    assert.deepEqual(usesOf(table, 9), usesOf(expected, 9));
  });

  it('a finished message table holds its uses trimmed', () => {
    const records = Array.from({ length: 50 }, (_, p) =>
      rec({
        timeMs: T0 + p * H,
        session: `s${p % 4}`,
        folders: [{ path: 'Inbox', ids: [`<m${p % 13}@x>`, `<n${p % 5}@x>`] }],
      }),
    );
    const table = boundMessageTable(records, indexContexts(records));
    const { owners, uses } = table.uses.capacity();
    assert.equal(owners, table.size);
    assert.equal(uses, usesOf(table.uses, table.size).flat().length);
  });
});
