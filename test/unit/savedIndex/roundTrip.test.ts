import * as assert from 'node:assert/strict';
import { copyFileSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { writeBenchExports } from '../../support/generator/bench';
import { fixturePath } from '../../support/paths';
import { assertSameRecords, fingerprint, indexFiles, open, plainStats, tempDir } from './savedIndexHelpers';

/** Every readable container fixture (the unrecognised ones are not exports). */
const fixtures = readdirSync(fixturePath('containers'))
  .filter((n) => !n.startsWith('unrecognised'))
  .map((n) => fixturePath('containers', n));

/** The JSON Lines fixture plus three rows of other operations (one without an Id). */
function withOtherOperations(): string {
  const lines = readFileSync(fixturePath('containers', 'json-lines-raw.jsonl'), 'utf8').trim().split('\n');
  const base = JSON.parse(lines[0]) as Record<string, unknown>;
  const other = (id: string | undefined) => {
    const row: Record<string, unknown> = { ...base, Operation: 'Send' };
    if (id === undefined) delete row.Id;
    else row.Id = id;
    return JSON.stringify(row);
  };
  return [...lines, other('other-1'), other('other-2'), other(undefined)].join('\n') + '\n';
}

describe('saved index: a reopened export equals a fresh read', () => {
  let cache: string;
  beforeEach(() => (cache = tempDir('index-cache')));
  afterEach(() => rmSync(cache, { recursive: true, force: true }));

  for (const file of fixtures) {
    it(`${path.basename(file)}: records, rejected rows and statistics`, async () => {
      const before = fingerprint(file);
      const fresh = await open([file], { dir: cache });
      assert.equal(fresh.sources[0].savedIndex, undefined, 'the first read parses');
      assert.equal(indexFiles(cache).length, 1, 'the complete read was saved');
      const again = await open([file], { dir: cache });
      assert.equal(again.sources[0].savedIndex, true, 'the second read comes from the index');
      assertSameRecords(again.records, fresh.records);
      assert.deepStrictEqual(again.sources.map(plainStats), fresh.sources);
      // And equal to a read without any index at all.
      const plain = await open([file]);
      assertSameRecords(again.records, plain.records);
      assert.deepStrictEqual(again.sources.map(plainStats), plain.sources);
      assert.deepStrictEqual(fingerprint(file), before, 'the export was not written');
    });
  }

  it('the fixtures cover rejected rows, other operations and both access types', async () => {
    // Guards the loop above: a round trip of exports without these would prove little.
    const all = await open(fixtures.filter((f) => !f.endsWith('empty.json')));
    const stats = all.sources;
    assert.ok(stats.some((s) => s.rejected.length > 0));
    assert.ok(all.records.some((r) => r.accessType === 'Sync'));
    assert.ok(all.records.some((r) => r.folders.some((f) => f.items.some((m) => m.subject !== undefined))));
  });

  it('an export with other operations round-trips', async () => {
    const dir = tempDir('index-other');
    try {
      const file = path.join(dir, 'mixed.jsonl');
      writeFileSync(file, withOtherOperations());
      const fresh = await open([file], { dir: cache });
      const again = await open([file], { dir: cache });
      assert.equal(again.sources[0].savedIndex, true);
      assert.equal(fresh.sources[0].otherOperations, 3);
      assertSameRecords(again.records, fresh.records);
      assert.deepStrictEqual(again.sources.map(plainStats), fresh.sources);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a generated export (CSV read in workers, and JSON Lines) round-trips', async function () {
    this.timeout(60_000);
    const dir = tempDir('index-gen');
    try {
      const gen = await writeBenchExports(dir, 3000);
      for (const file of [gen.csvPath, gen.jsonlPath]) {
        const before = fingerprint(file);
        const ingest = { minWorkerBytes: 0, minRangeBytes: 256 << 10 };
        const fresh = await open([file], { dir: cache }, { ingest });
        const again = await open([file], { dir: cache }, { ingest });
        assert.equal(again.sources[0].savedIndex, true);
        assert.equal(again.records.length, 3000);
        assertSameRecords(again.records, fresh.records);
        assert.deepStrictEqual(again.sources.map(plainStats), fresh.sources);
        assert.deepStrictEqual(fingerprint(file), before, 'the export was not written');
      }
      assert.equal(indexFiles(cache).length, 2);
      assert.deepStrictEqual(
        readdirSync(dir).sort(),
        readdirSync(dir)
          .filter((n) => !n.endsWith('.miaidx'))
          .sort(),
        'nothing was written beside the exports',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a source loaded from its index after others is de-duplicated as a fresh read would be', async () => {
    const dir = tempDir('index-dup');
    try {
      // b holds every record of a (and its other operations) again: all duplicates after a.
      const a = path.join(dir, 'a.jsonl');
      const b = path.join(dir, 'b.jsonl');
      writeFileSync(a, withOtherOperations());
      copyFileSync(a, b);
      await open([b], { dir: cache }); // b's index, read on its own
      const reopened = await open([a, b], { dir: cache });
      assert.deepStrictEqual(
        reopened.sources.map((s) => s.savedIndex),
        [undefined, true],
        'a parsed, b from its index',
      );
      const plain = await open([a, b]);
      assertSameRecords(reopened.records, plain.records);
      assert.deepStrictEqual(reopened.sources.map(plainStats), plain.sources);
      assert.equal(plain.sources[1].records, 0);
      assert.ok(plain.sources[1].duplicates > 0);
      assert.deepStrictEqual(
        [plain.sources[0].otherRecords, plain.sources[1].otherRecords, plain.sources[1].otherOperations],
        [3, 1, 3],
        'other operations with an Id are counted once; the one without an Id each time',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
