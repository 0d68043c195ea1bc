import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { getPriority } from 'node:os';
import { Worker } from 'node:worker_threads';
import { PARSING_THREAD_NICE } from '../../../src/core/worker/threadPriority';
import { ingestWorkerFile } from '../../../src/core/worker/workerFile';

/** The nice value of each thread of this process, by thread name (Linux: /proc/self/task). */
function threadNices(): { name: string; nice: number }[] {
  return readdirSync('/proc/self/task').map((tid) => {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    // Fields after the name: state is field 3; nice is field 19.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { name, nice: Number(fields[19 - 3]) };
  });
}

describe('worker/thread priority', function () {
  if (process.platform !== 'linux') return;

  it('the ingestion worker lowers its own thread only: the caller keeps its priority', async () => {
    const file = ingestWorkerFile();
    assert.ok(file, 'the compiled ingestion worker exists');
    const before = getPriority(0);
    const worker = new Worker(file);
    try {
      await new Promise<void>((resolve, reject) => {
        worker.once('online', resolve);
        worker.once('error', reject);
      });
      // The worker lowers itself as its script starts: wait for a thread at the parsing nice value.
      let lowered: { name: string; nice: number }[] = [];
      for (let i = 0; i < 100 && lowered.length === 0; i++) {
        lowered = threadNices().filter((t) => t.nice === PARSING_THREAD_NICE);
        if (lowered.length === 0) await new Promise((r) => setTimeout(r, 20));
      }
      assert.equal(lowered.length, 1, 'one thread (the worker) runs at the parsing nice value');
      assert.equal(getPriority(0), before, 'the calling thread keeps its priority');
      const main = threadNices()[0];
      assert.equal(main.nice, before, 'the main thread keeps its priority');
    } finally {
      await worker.terminate();
    }
  });
});
