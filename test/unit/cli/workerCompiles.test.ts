import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const MODULE = path.join(__dirname, '..', '..', '..', 'src', 'cli', 'workerCompiles.js');

/** A hot function named `name`, called until V8 optimises it. */
const hot = (name: string): string =>
  `function ${name}(a){let s=0;for(let i=0;i<a.length;i++)s+=a.charCodeAt(i)*i;return s}
  let t=0;for(let k=0;k<200000;k++)t+=${name}('some text '+k);`;

/**
 * What V8 queued for its background compiler threads (`--trace-concurrent-recompilation`) in a
 * process that optimises `hereHot` in its own thread and then `workerHot` in a worker thread
 * started after `compileInWorkerThreads` (when `call`).
 */
function queuedFunctions(call: boolean): string {
  const script = `
    const { Worker } = require('node:worker_threads');
    ${call ? `require(${JSON.stringify(MODULE)}).compileInWorkerThreads();` : ''}
    ${hot('hereHot')}
    const w = new Worker(${JSON.stringify(`${hot('workerHot')} require('node:worker_threads').parentPort.postMessage(t);`)}, { eval: true });
    w.on('message', () => w.terminate());`;
  const run = spawnSync(process.execPath, ['--trace-concurrent-recompilation', '-e', script], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  assert.equal(run.status, 0, run.stderr);
  return run.stdout
    .split('\n')
    .filter((l) => l.includes('Queued'))
    .join('\n');
}

describe('cli: compileInWorkerThreads', () => {
  it('without it, a worker thread hands its optimisations to the background compiler threads', () => {
    const queued = queuedFunctions(false);
    assert.match(queued, /workerHot/);
    assert.match(queued, /hereHot/);
  });

  it('worker threads started after it optimise in their own thread; the calling thread still hands its on', () => {
    const queued = queuedFunctions(true);
    assert.doesNotMatch(queued, /workerHot/);
    assert.match(queued, /hereHot/);
  });
});
