import * as assert from 'node:assert/strict';
import {
  appendFileSync,
  copyFileSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import * as path from 'node:path';
import { decodeIndex } from '../../../src/core/savedIndex/decodeIndex';
import { encodeIndex } from '../../../src/core/savedIndex/encodeIndex';
import { SavedIndexError } from '../../../src/core/savedIndex/indexFormat';
import {
  openSavedIndex,
  savedIndexChecks,
  savedIndexWrites,
} from '../../../src/core/savedIndex/readThroughIndex';
import {
  fileIdentity,
  indexFileFor,
  saveIndex,
  trimCache,
} from '../../../src/core/savedIndex/savedIndexStore';
import { fixturePath } from '../../support/paths';
import { assertSameRecords, fingerprint, indexFiles, open, plainStats, tempDir } from './savedIndexHelpers';

/** What the investigation knows before its first source: nothing. */
const known = {
  sourceIndex: 0,
  knownIds: new Set<string>(),
  knownOtherIds: new Set<string>(),
  nothingKnown: true,
};

describe('saved index: when it is not used', () => {
  let cache: string;
  let work: string;
  let file: string;
  beforeEach(() => {
    cache = tempDir('index-cache');
    work = tempDir('index-work');
    file = path.join(work, 'export.csv');
    copyFileSync(fixturePath('containers', 'purview-new-broken.csv'), file);
  });
  afterEach(() => {
    rmSync(cache, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  });

  it('a changed modification time re-parses', async () => {
    const fresh = await open([file], { dir: cache });
    const s = statSync(file);
    utimesSync(file, s.atime, new Date(s.mtimeMs + 5000));
    const again = await open([file], { dir: cache });
    assert.equal(again.sources[0].savedIndex, undefined, 'parsed again');
    assertSameRecords(again.records, fresh.records);
    assert.equal(indexFiles(cache).length, 2, 'the new version has its own index');
    assert.equal((await open([file], { dir: cache })).sources[0].savedIndex, true);
  });

  it('a changed size re-parses and sees the new rows', async () => {
    const fresh = await open([file], { dir: cache });
    const s = statSync(file);
    appendFileSync(
      file,
      readFileSync(fixturePath('containers', 'purview-new-bom-crlf.csv'), 'utf8').split('\n')[1] + '\n',
    );
    utimesSync(file, s.atime, s.mtime); // same mtime: only the size differs
    const again = await open([file], { dir: cache });
    assert.equal(again.sources[0].savedIndex, undefined);
    assert.notEqual(again.sources[0].sha256, fresh.sources[0].sha256);
    assert.equal(again.sources[0].rows, fresh.sources[0].rows + 1);
  });

  for (const [name, damage] of [
    ['truncated', (b: Buffer) => b.subarray(0, Math.floor(b.length / 2))],
    [
      'a flipped byte',
      (b: Buffer) =>
        Buffer.concat([
          b.subarray(0, b.length - 9),
          Buffer.from([b[b.length - 9] ^ 0xff]),
          b.subarray(b.length - 8),
        ]),
    ],
    ['of an older format version', (b: Buffer) => (b.writeUInt32LE(0, 8), b)],
    ['empty', () => Buffer.alloc(0)],
    ['not an index', () => Buffer.from('{"stats":{}}')],
  ] as const) {
    it(`an index that is ${name} is ignored, the export re-parsed and the index rebuilt`, async () => {
      const fresh = await open([file], { dir: cache });
      const [saved] = indexFiles(cache);
      writeFileSync(saved, damage(readFileSync(saved)));
      const again = await open([file], { dir: cache });
      assert.equal(again.sources[0].savedIndex, undefined, 'parsed again');
      assertSameRecords(again.records, fresh.records);
      assert.deepStrictEqual(again.sources, fresh.sources);
      const third = await open([file], { dir: cache });
      assert.equal(third.sources[0].savedIndex, true, 'the rebuilt index is used');
      assertSameRecords(third.records, fresh.records);
    });
  }

  it('decoding rejects every truncation of an index with SavedIndexError', async () => {
    const fresh = await open([file]);
    const bytes = Buffer.concat(
      encodeIndex({ stats: fresh.sources[0], records: [...fresh.records], otherIds: [] }),
    );
    assertSameRecords(decodeIndex(bytes, 0).records, fresh.records);
    for (let n = 0; n < bytes.length; n += Math.max(1, Math.floor(bytes.length / 97)))
      assert.throws(() => decodeIndex(bytes.subarray(0, n), 0), SavedIndexError, `truncated at ${n}`);
  });

  it('a cancelled (partial) read is not saved, a complete one is', async () => {
    const plain = await open([file]);
    const complete = {
      stats: plain.sources[0],
      records: [...plain.records],
      ids: new Set<string>(),
      otherIds: new Set<string>(),
    };
    const partial = {
      ...complete,
      stats: {
        ...plain.sources[0],
        sha256: '',
        partial: { bytesRead: 10, reason: 'the load was cancelled' },
      },
      cancelled: { bytesRead: 10, reason: new Error('stop') },
    };
    (await openSavedIndex({ dir: cache }, file, known))?.save(partial);
    await savedIndexWrites();
    assert.equal(indexFiles(cache).length, 0);
    (await openSavedIndex({ dir: cache }, file, { ...known, nothingKnown: false }))?.save(complete);
    await savedIndexWrites();
    assert.equal(indexFiles(cache).length, 0, 'a read that depended on earlier sources is not saved');
    (await openSavedIndex({ dir: cache }, file, known))?.save(complete);
    await savedIndexWrites();
    assert.equal(indexFiles(cache).length, 1);
  });

  it('a read saved once its file is hashed: saved with the hash, not when the file changed meanwhile', async () => {
    const plain = await open([file]);
    const unhashed = () => ({
      stats: { ...plain.sources[0], sha256: '' },
      records: [...plain.records],
      ids: new Set<string>(),
      otherIds: new Set<string>(),
    });
    // The file changes while it is hashed: the index would name the old bytes by the new identity.
    const changing = unhashed();
    (await openSavedIndex({ dir: cache }, file, known))?.save(changing, () => {
      appendFileSync(file, '\n');
      changing.stats.sha256 = 'f'.repeat(64);
      return Promise.resolve();
    });
    await savedIndexWrites();
    assert.equal(indexFiles(cache).length, 0);
    const hashed = unhashed();
    (await openSavedIndex({ dir: cache }, file, known))?.save(hashed, () => {
      hashed.stats.sha256 = 'e'.repeat(64);
      return Promise.resolve();
    });
    await savedIndexWrites();
    assert.equal(indexFiles(cache).length, 1);
    const again = await open([file], { dir: cache });
    assert.equal(again.sources[0].savedIndex, true);
    assert.equal(again.sources[0].sha256, 'e'.repeat(64), 'the hash given once the records were encoded');
    // The reopen's check finds the made-up hash wrong and drops the index.
    await savedIndexChecks();
    assert.equal(indexFiles(cache).length, 0);
  });

  it('a cache folder that cannot be written never breaks loading', async () => {
    const blocked = path.join(work, 'not-a-folder');
    writeFileSync(blocked, 'x');
    const inv = await open([file], { dir: path.join(blocked, 'index') });
    const plain = await open([file]);
    assertSameRecords(inv.records, plain.records);
    assert.deepStrictEqual(inv.sources.map(plainStats), plain.sources);
  });

  it('never writes into the export folder', async () => {
    const before = fingerprint(file);
    const inv = await open([file], { dir: work });
    assert.equal(inv.sources[0].sha256, before.sha256);
    assert.equal(indexFiles(work).length, 0, 'no index beside the export');
    const plain = await open([file]);
    await assert.rejects(
      saveIndex({ dir: work }, await fileIdentity(file), {
        stats: plain.sources[0],
        records: [...plain.records],
        otherIds: [],
      }),
      /evidence is never written/,
    );
    assert.deepStrictEqual(fingerprint(file), before);
  });

  it('keeps the cache under its size limit, dropping the least recently used first', async () => {
    const files = ['a', 'b', 'c'].map((n) => {
      const f = path.join(work, `${n}.csv`);
      copyFileSync(file, f);
      return f;
    });
    for (const f of files) await open([f], { dir: cache });
    const ids = await Promise.all(files.map((f) => fileIdentity(f)));
    const paths = ids.map((id) => indexFileFor({ dir: cache }, id));
    // Make a the most recently used (a hit renews it), then b and c older.
    const now = Date.now() / 1000;
    utimesSync(paths[1], now - 300, now - 300);
    utimesSync(paths[2], now - 200, now - 200);
    assert.equal((await open([files[0]], { dir: cache })).sources[0].savedIndex, true);
    const one = statSync(paths[0]).size;
    await trimCache({ dir: cache, maxBytes: one * 2 });
    assert.deepStrictEqual(
      paths.map((p) => indexFiles(cache).includes(p)),
      [true, false, true],
      'b, the least recently used, was removed',
    );
  });
});
