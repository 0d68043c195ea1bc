import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { getHeapStatistics } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { REPORT_YOUNG_GENERATION_MB } from '../../../src/cli/cliWorker';
import { collectGarbage } from '../../../src/cli/collectGarbage';

describe('cli: collectGarbage', () => {
  it('collects garbage at once: the heap drops by what was let go', () => {
    // About 80 MB of arrays, let go just before the collection (nothing collects them in between:
    // nothing is allocated there).
    let junk: number[][] | undefined = Array.from({ length: 20 }, () => new Array<number>(500_000).fill(1.5));
    const before = getHeapStatistics().used_heap_size;
    assert.equal(junk.length, 20);
    junk = undefined;
    collectGarbage();
    const after = getHeapStatistics().used_heap_size;
    assert.ok(before - after > 60e6, `${((before - after) / 1e6).toFixed(0)} MB collected`);
  });

  it('asked for again, it collects again', () => {
    collectGarbage();
    let junk: number[][] | undefined = Array.from({ length: 10 }, () => new Array<number>(500_000).fill(2.5));
    const before = getHeapStatistics().used_heap_size;
    assert.equal(junk.length, 10);
    junk = undefined;
    collectGarbage();
    assert.ok(before - getHeapStatistics().used_heap_size > 30e6);
  });

  it('collects in a worker thread too (where mia runs a report to a file)', async () => {
    const module = path.join(__dirname, '..', '..', '..', 'src', 'cli', 'collectGarbage.js');
    const worker = new Worker(
      `const { parentPort } = require('node:worker_threads');
      const { getHeapStatistics } = require('node:v8');
      const { collectGarbage } = require(${JSON.stringify(module)});
      let junk = Array.from({ length: 20 }, () => new Array(500000).fill(1.5));
      const before = getHeapStatistics().used_heap_size;
      junk = undefined;
      collectGarbage();
      parentPort.postMessage(before - getHeapStatistics().used_heap_size);`,
      { eval: true, resourceLimits: { maxYoungGenerationSizeMb: REPORT_YOUNG_GENERATION_MB } },
    );
    const dropped = await new Promise<number>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    assert.ok(dropped > 60e6, `${(dropped / 1e6).toFixed(0)} MB collected`);
  });
});
