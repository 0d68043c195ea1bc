import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { getPriority } from 'node:os';
import { Worker } from 'node:worker_threads';
import { PARSING_THREAD_NICE } from '../../../src/core/worker/threadPriority';
import { hashWorkerFile, ingestWorkerFile } from '../../../src/core/worker/workerFile';

/** The nice value of each thread of this process, by thread id (Linux: /proc/self/task). */
function threadNices(): Map<string, number> {
  const nices = new Map<string, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    // Fields after the command name in parentheses: state is field 3, nice is field 19.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    nices.set(tid, Number(fields[19 - 3]));
  }
  return nices;
}

describe('worker/thread priority', function () {
  if (process.platform !== 'linux') return;

  for (const [name, script] of [
    ['ingestion', ingestWorkerFile],
    ['hashing', hashWorkerFile],
  ] as const)
    it(`the ${name} worker lowers its own thread only: the caller keeps its priority`, async () => {
      const file = script();
      assert.ok(file, `the compiled ${name} worker exists`);
      const callerBefore = getPriority(0);
      const before = threadNices();
      const worker = new Worker(file);
      try {
        await new Promise<void>((resolve, reject) => {
          worker.once('online', resolve);
          worker.once('error', reject);
        });
        // The worker lowers itself as its script starts: wait for a new thread at the parsing nice
        // value (workers of earlier tests may still be alive, lowered too).
        const newlyLowered = () =>
          [...threadNices()].filter(
            ([tid, nice]) => nice === PARSING_THREAD_NICE && before.get(tid) === undefined,
          );
        for (let i = 0; i < 100 && newlyLowered().length === 0; i++)
          await new Promise((r) => setTimeout(r, 20));
        assert.ok(newlyLowered().length >= 1, 'a thread of the new worker runs at the parsing nice value');
        // Threads that were there before keep their priority, the caller's first of all. One that
        // went to the parsing nice value may be a worker of an earlier test lowering itself late
        // (it does so as its script starts); every other change is this worker's doing.
        const after = threadNices();
        for (const [tid, nice] of before) {
          const now = after.get(tid);
          if (now !== undefined && now !== PARSING_THREAD_NICE)
            assert.equal(now, nice, `thread ${tid} keeps its priority`);
        }
        assert.equal(getPriority(0), callerBefore, 'the calling thread keeps its priority');
      } finally {
        await worker.terminate();
      }
    });
});
