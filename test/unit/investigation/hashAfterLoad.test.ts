import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Investigation } from '../../../src/core/investigation/investigation';
import type { IngestOptions } from '../../../src/core/investigation/types';
import { savedIndexWrites } from '../../../src/core/savedIndex/readThroughIndex';
import { runScope } from '../../../src/core/scope/runScope';
import { bindRecordLines } from '../../support/bindLines';

/** A JSON Lines export of `n` MailItemsAccessed records (about 330 bytes each). */
function writeExport(file: string, n: number): string {
  writeFileSync(file, bindRecordLines(n));
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

describe('investigation: the hash of a file parsed in workers, after the load', function () {
  this.timeout(60_000);
  let dir: string;
  let file: string;
  let sha256: string;
  // One range in one worker: the hash starts when that worker is done, so it is still running when
  // the load returns (hashing 7 MB takes far longer than the load's last few steps).
  const ingest: IngestOptions = { workers: 1, minWorkerBytes: 0, minRangeBytes: 1, headBytes: 0 };
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'mia-hash-after-'));
    file = path.join(dir, 'export.jsonl');
    sha256 = writeExport(file, 20_000);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('a load with hashAfterLoad returns before the hash; hashed() then sets it', async () => {
    const inv = new Investigation();
    await inv.addPaths([file], { ingest, hashAfterLoad: true });
    assert.equal(inv.sources[0].sha256, '', 'not hashed yet when the load returned');
    await inv.hashed();
    assert.equal(inv.sources[0].sha256, sha256);
    await inv.close();
  });

  it('a load without it returns with the hash, as before', async () => {
    const inv = new Investigation();
    await inv.addPaths([file], { ingest });
    assert.equal(inv.sources[0].sha256, sha256);
    await inv.hashed();
    await inv.close();
  });

  it('the scope report states the hash computed after the load', async () => {
    const report = await runScope({ inputs: [file], ingest });
    assert.equal(report.sources[0].sha256, sha256);
    assert.equal(report.totals.records, 20_000);
  });

  it('a saved index made from such a load states the hash, and so does its reopen', async () => {
    const cache = mkdtempSync(path.join(tmpdir(), 'mia-hash-after-cache-'));
    try {
      const first = await runScope({ inputs: [file], ingest, savedIndex: { dir: cache } });
      await savedIndexWrites();
      const again = new Investigation();
      await again.addPaths([file], { ingest, savedIndex: { dir: cache }, hashAfterLoad: true });
      assert.equal(again.sources[0].savedIndex, true, 'reopened from the index');
      assert.equal(again.sources[0].sha256, sha256);
      assert.equal(first.sources[0].sha256, sha256);
      await again.close();
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  });

  it('a load cancelled while it parses leaves the hash empty and hashed() settles', async () => {
    const controller = new AbortController();
    const inv = new Investigation();
    const read = inv.addPaths([file], {
      ingest,
      hashAfterLoad: true,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.records > 0) controller.abort(new Error('stop'));
      },
    });
    await assert.rejects(read, /stop/);
    assert.ok(inv.sources[0].partial);
    await inv.hashed();
    assert.equal(inv.sources[0].sha256, '');
    await inv.close();
  });

  it('a cancel after the load stops the hash: hashed() rejects and the hash stays empty', async () => {
    const controller = new AbortController();
    const inv = new Investigation();
    await inv.addPaths([file], { ingest, hashAfterLoad: true, signal: controller.signal });
    assert.equal(inv.sources[0].sha256, '');
    controller.abort(new Error('stop'));
    await assert.rejects(inv.hashed(), /stopped/);
    assert.equal(inv.sources[0].sha256, '');
    await inv.close();
  });
});
