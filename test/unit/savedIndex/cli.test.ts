import * as assert from 'node:assert/strict';
import { copyFileSync, readFileSync, rmSync, statSync, utimesSync } from 'node:fs';
import * as path from 'node:path';
import { parseCommand, UsageError } from '../../../src/cli/args';
import { defaultIndexDir } from '../../../src/core/savedIndex/defaultIndexDir';
import type { ScopeReport } from '../../../src/core/report/reportTypes';
import { fixturePath } from '../../support/paths';
import { fingerprint, indexFiles, miaSettled, tempDir } from './savedIndexHelpers';

describe('saved index: the command line', () => {
  let work: string;
  let cache: string;
  let file: string;
  beforeEach(() => {
    work = tempDir('index-cli');
    cache = tempDir('index-cli-cache');
    file = path.join(work, 'export.csv');
    copyFileSync(fixturePath('containers', 'purview-new-broken.csv'), file);
  });
  afterEach(() => {
    rmSync(work, { recursive: true, force: true });
    rmSync(cache, { recursive: true, force: true });
  });

  it('parses --index-dir and --no-index', () => {
    const on = parseCommand(['scope', '--index-dir', '/tmp/x', 'a.csv']);
    assert.ok(on.kind === 'scope' && on.indexDir === '/tmp/x' && !on.noIndex);
    const off = parseCommand(['scope', '--no-index', 'a.csv']);
    assert.ok(off.kind === 'scope' && off.indexDir === undefined && off.noIndex);
    assert.throws(() => parseCommand(['scope', '--index-dir', ' ', 'a.csv']), UsageError);
  });

  it('the default folder follows MIA_INDEX_DIR, then XDG_CACHE_HOME, then ~/.cache', () => {
    assert.equal(defaultIndexDir({ MIA_INDEX_DIR: '/srv/idx', XDG_CACHE_HOME: '/c' }), '/srv/idx');
    assert.equal(defaultIndexDir({ XDG_CACHE_HOME: '/c' }), path.join('/c', 'mia', 'index'));
    assert.match(defaultIndexDir({}), /[/\\]\.cache[/\\]mia[/\\]index$/);
  });

  it('a second scope of an unchanged export comes from the index with the same report', async () => {
    const before = fingerprint(file);
    const out1 = path.join(work, '..', `${path.basename(work)}-1.json`);
    const out2 = path.join(work, '..', `${path.basename(work)}-2.json`);
    try {
      const args = ['scope', '--format', 'json', '--quiet', '--index-dir', cache];
      assert.equal((await miaSettled(...args, '--out', out1, file)).status, 0);
      assert.equal(indexFiles(cache).length, 1, 'the first run saved an index');
      const [saved] = indexFiles(cache);
      const renewed = statSync(saved).mtimeMs;
      utimesSync(saved, new Date(0), new Date(0));
      assert.equal((await miaSettled(...args, '--out', out2, file)).status, 0);
      assert.ok(statSync(saved).mtimeMs > 0, 'the second run loaded the index (a hit renews it)');
      assert.ok(renewed > 0);
      const r1 = JSON.parse(readFileSync(out1, 'utf8')) as ScopeReport;
      const r2 = JSON.parse(readFileSync(out2, 'utf8')) as ScopeReport;
      // The report of a reopened export is the report of the fresh read (only the run's time differs).
      assert.deepStrictEqual({ ...r2, generatedUtc: '' }, { ...r1, generatedUtc: '' });
      assert.equal(
        readFileSync(out2, 'utf8').replace(r2.generatedUtc, ''),
        readFileSync(out1, 'utf8').replace(r1.generatedUtc, ''),
      );
      assert.deepStrictEqual(fingerprint(file), before, 'the export was not written');
    } finally {
      rmSync(out1, { force: true });
      rmSync(out2, { force: true });
    }
  });

  it('--no-index neither saves nor loads', async () => {
    await miaSettled(
      'scope',
      '--format',
      'json',
      '--quiet',
      '--index-dir',
      cache,
      '--out',
      path.join(cache, 'r.json'),
      file,
    );
    assert.equal(indexFiles(cache).length, 1);
    const out = path.join(cache, 'r2.json');
    const [saved] = indexFiles(cache);
    utimesSync(saved, new Date(0), new Date(0));
    await miaSettled(
      'scope',
      '--format',
      'json',
      '--quiet',
      '--no-index',
      '--index-dir',
      cache,
      '--out',
      out,
      file,
    );
    assert.equal(statSync(saved).mtimeMs, 0, 'the index was not loaded');
    const empty = tempDir('index-cli-none');
    try {
      await miaSettled('scope', '--quiet', '--no-index', '--index-dir', empty, file);
      assert.equal(indexFiles(empty).length, 0);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
