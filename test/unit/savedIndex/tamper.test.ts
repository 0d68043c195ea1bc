import * as assert from 'node:assert/strict';
import { copyFileSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  checkReopenedSources,
  recheck,
  savedIndexChecks,
} from '../../../src/core/savedIndex/readThroughIndex';
import { fileIdentity } from '../../../src/core/savedIndex/savedIndexStore';
import { hashFile } from '../../../src/core/savedIndex/hashFile';
import type { ScopeReport } from '../../../src/core/report/reportTypes';
import { fixturePath } from '../../support/paths';
import { fingerprint, indexFiles, miaSettled, open, tempDir } from './savedIndexHelpers';

/** A fixed modification time (whole seconds, so setting it again gives exactly the same mtimeMs). */
const WHEN = new Date('2026-01-02T03:04:05Z');
const IP = '68.160.247.154';
const EDITED_IP = '68.160.247.155';

/**
 * Edits one character of the export (an IP address of its first record) and sets its modification
 * time back: the size and mtime a saved index is found by stay the same.
 */
function tamper(file: string): void {
  const text = readFileSync(file, 'latin1');
  assert.ok(text.includes(IP), 'the fixture has the IP this test edits');
  writeFileSync(file, text.replace(IP, EDITED_IP), 'latin1');
  utimesSync(file, WHEN, WHEN);
}

describe('saved index: a reopened export is hashed again', function () {
  // Two tests run the command line in child processes, slow on a loaded machine.
  this.timeout(30_000);
  let work: string;
  let cache: string;
  let file: string;
  beforeEach(() => {
    work = tempDir('index-tamper');
    cache = tempDir('index-tamper-cache');
    file = path.join(work, 'export.csv');
    copyFileSync(fixturePath('containers', 'purview-new-broken.csv'), file);
    utimesSync(file, WHEN, WHEN);
  });
  afterEach(async () => {
    await savedIndexChecks();
    rmSync(work, { recursive: true, force: true });
    rmSync(cache, { recursive: true, force: true });
  });

  it('hashes files like the reader does (worker and in-thread)', async () => {
    const { sha256 } = fingerprint(file);
    assert.equal(await hashFile(file), sha256);
    assert.equal(await hashFile(file, false), sha256);
  });

  it('an unchanged file passes the check and keeps its index', async () => {
    const fresh = await open([file], { dir: cache });
    const again = await open([file], { dir: cache });
    assert.equal(again.sources[0].savedIndex, true);
    const checks = await checkReopenedSources(again.sources);
    assert.deepStrictEqual(checks, [
      { path: file, indexedSha256: fresh.sources[0].sha256, sha256: fingerprint(file).sha256, matches: true },
    ]);
    assert.equal(indexFiles(cache).length, 1, 'the index is kept');
    assert.deepStrictEqual(await checkReopenedSources(fresh.sources), [], 'a parsed source has no check');
  });

  it('an edit that keeps size and mtime is found: the index is discarded and the next load parses', async () => {
    const fresh = await open([file], { dir: cache });
    const before = statSync(file);
    tamper(file);
    const after = statSync(file);
    assert.equal(after.size, before.size, 'same size');
    assert.equal(after.mtimeMs, before.mtimeMs, 'same modification time');
    const edited = fingerprint(file).sha256;
    assert.notEqual(edited, fresh.sources[0].sha256);

    // Size and mtime still find the index: only the hash can tell.
    const reopened = await open([file], { dir: cache });
    assert.equal(reopened.sources[0].savedIndex, true);
    assert.equal(reopened.sources[0].sha256, fresh.sources[0].sha256, 'the hash the index recorded');
    const [check] = await checkReopenedSources(reopened.sources);
    assert.deepStrictEqual(check, {
      path: file,
      indexedSha256: fresh.sources[0].sha256,
      sha256: edited,
      matches: false,
    });
    assert.deepStrictEqual(indexFiles(cache), [], 'the index was discarded');

    const parsed = await open([file], { dir: cache });
    assert.equal(parsed.sources[0].savedIndex, undefined, 'parsed again');
    assert.equal(parsed.sources[0].sha256, edited);
    assert.ok(parsed.records.some((r) => r.ip === EDITED_IP));
    assert.ok(!reopened.records.some((r) => r.ip === EDITED_IP), 'the stale index held the old IP');
  });

  it('a file that cannot be hashed any more fails the check', async () => {
    const fresh = await open([file], { dir: cache });
    const reopened = await open([file], { dir: cache });
    assert.equal(reopened.sources[0].savedIndex, true);
    assert.equal(indexFiles(cache).length, 1);
    // The reopen's own check may already have hashed the file: the file goes first, then a check.
    const identity = await fileIdentity(file);
    rmSync(file);
    const check = await recheck({ dir: cache }, identity, fresh.sources[0].sha256);
    assert.equal(check.matches, false);
    assert.equal(check.sha256, '');
    assert.ok(check.error, 'the reason is given');
    assert.deepStrictEqual(indexFiles(cache), [], 'the index is discarded');
  });

  it('the command line hashes a reopened export before its report, and reads an edited one again', async () => {
    const outs = [1, 2, 3].map((n) => path.join(cache, `r${n}.json`));
    const args = ['scope', '--format', 'json', '--quiet', '--index-dir', cache];
    const report = (f: string) => JSON.parse(readFileSync(f, 'utf8')) as ScopeReport;
    assert.equal((await miaSettled(...args, '--out', outs[0], file)).status, 0);
    assert.equal(indexFiles(cache).length, 1);
    tamper(file);
    const second = await miaSettled(...args, '--out', outs[1], file);
    assert.equal(second.status, 0);
    assert.match(second.stderr, /export\.csv: the file changed since its saved index was made/);
    const edited = fingerprint(file).sha256;
    assert.equal(report(outs[1]).sources[0].sha256, edited, 'the report states the hash of the bytes read');
    assert.equal(report(outs[0]).sources[0].sha256 === edited, false);
    // The report is that of a fresh read of the edited file, which was indexed again.
    assert.equal((await miaSettled(...args, '--no-index', '--out', outs[2], file)).status, 0);
    const strip = (f: string) => readFileSync(f, 'utf8').replace(report(f).generatedUtc, '');
    assert.equal(strip(outs[1]), strip(outs[2]));
    assert.ok(strip(outs[1]).includes(EDITED_IP));
    assert.equal(indexFiles(cache).length, 1, 'the edited file has its own index now');
    const third = await miaSettled(...args, '--out', outs[2], file);
    assert.doesNotMatch(third.stderr, /saved index/, 'an unchanged file reopens without a warning');
    assert.equal(report(outs[2]).sources[0].sha256, edited);
  });
});
