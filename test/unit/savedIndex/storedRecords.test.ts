import * as assert from 'node:assert/strict';
import { copyFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { Investigation } from '../../../src/core/investigation/investigation';
import { DeferredIdSet } from '../../../src/core/savedIndex/deferredIdSet';
import { SavedIndexError } from '../../../src/core/savedIndex/indexFormat';
import { StoredRecord } from '../../../src/core/savedIndex/recordStore';
import { packStrings, StringTable } from '../../../src/core/savedIndex/stringBlob';
import { fixturePath } from '../../support/paths';
import { assertSameRecords, open, tempDir } from './savedIndexHelpers';

const table = (list: string[], segmentChars?: number) => {
  const p = packStrings(list, segmentChars);
  return new StringTable(p.blob, p.lengths, p.segments, p.wide);
};

describe('saved index: strings and records of a reopened index', () => {
  const strings = [
    '',
    'a',
    'Überarbeitet',
    'emoji 📬 subject',
    'lone \ud800 surrogate',
    '日本語',
    'x'.repeat(40),
    'plain',
  ];

  it('a packed string table gives every string back, in one segment or many', () => {
    for (const segmentChars of [undefined, 1, 8, 20]) {
      const t = table(strings, segmentChars);
      assert.equal(t.size, strings.length);
      strings.forEach((s, i) => assert.equal(t.at(i), s, `string ${i} (segments of ${segmentChars})`));
    }
    const p = packStrings(strings, 8);
    assert.ok(p.segments.length > 1, 'several segments');
    assert.deepStrictEqual(
      p.wide.map(([i]) => i),
      [3, 4, 5],
      'only strings beyond Latin-1 are kept aside',
    );
    assert.equal(
      p.blob.length,
      p.segments.reduce((n, s) => n + s.bytes, 0),
    );
  });

  it('a string table whose parts do not fit together is refused', () => {
    const p = packStrings(strings);
    const lengths = p.lengths.slice();
    lengths[1] += 1;
    assert.throws(() => new StringTable(p.blob, lengths, p.segments, p.wide), SavedIndexError);
    assert.throws(() => new StringTable(p.blob.subarray(1), p.lengths, p.segments, p.wide), SavedIndexError);
    assert.throws(
      () => new StringTable(p.blob, p.lengths, [{ strings: 1, bytes: 1 }], p.wide),
      SavedIndexError,
    );
    assert.throws(() => new StringTable(p.blob, p.lengths, p.segments, [[99, 'x']]), SavedIndexError);
    assert.throws(() => new StringTable(p.blob, p.lengths, p.segments, 'x'), SavedIndexError);
  });

  it('a reopened record reads the same value each time, and JSON-serialises as a fresh one', async () => {
    const cache = tempDir('index-stored');
    try {
      const file = fixturePath('containers', 'purview-new-broken.csv');
      const fresh = await open([file], { dir: cache });
      const again = await open([file], { dir: cache });
      assert.ok(
        again.records.every((r) => r instanceof StoredRecord),
        'reopened records are stored ones',
      );
      assertSameRecords(again.records, fresh.records);
      const r = again.records[0];
      assert.equal(r.folders, r.folders, 'one folder list');
      assert.equal(r.provenance, r.provenance, 'one provenance');
      assert.deepStrictEqual(JSON.parse(JSON.stringify(r)), JSON.parse(JSON.stringify(fresh.records[0])));
      assert.deepStrictEqual(
        Object.keys(r.toJSON()),
        Object.keys(JSON.parse(JSON.stringify(fresh.records[0])) as object),
      );
      assert.equal(r.folders[0]?.items[0], r.folders[0]?.items[0], 'one message object');
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  });

  it('the ids of a reopened source are known when another source is added', async () => {
    const cache = tempDir('index-ids');
    const work = tempDir('index-ids-work');
    try {
      const file = fixturePath('containers', 'purview-new-broken.csv');
      const copy = path.join(work, 'copy.csv');
      copyFileSync(file, copy);
      await open([file], { dir: cache });
      const inv = new Investigation();
      await inv.addPaths([file], { savedIndex: { dir: cache } });
      assert.equal(inv.sources[0].savedIndex, true);
      await inv.addPaths([copy]);
      assert.equal(inv.sources[1].records, 0, 'every record of the copy is a duplicate');
      assert.equal(inv.sources[1].duplicates, inv.sources[0].records);
      assert.equal(inv.records.length, inv.sources[0].records);
      await inv.close();
    } finally {
      rmSync(cache, { recursive: true, force: true });
      rmSync(work, { recursive: true, force: true });
    }
  });

  it('a deferred id set reads the ids on first use only, then acts as a Set', () => {
    let reads = 0;
    const records = ['a', 'b', 'c'].map((id) => ({
      get id() {
        reads++;
        return id;
      },
    }));
    const ids = new DeferredIdSet(records as never);
    assert.equal(reads, 0, 'nothing read when made');
    assert.equal(ids.has('b'), true);
    assert.equal(ids.has('z'), false);
    assert.equal(reads, 3, 'read once');
    assert.equal(ids.size, 3);
    assert.deepStrictEqual([...ids], ['a', 'b', 'c']);
    assert.deepStrictEqual([...new DeferredIdSet(records as never)], ['a', 'b', 'c'], 'iteration fills too');
    assert.equal(new DeferredIdSet(records as never).size, 3, 'size fills too');
  });
});
