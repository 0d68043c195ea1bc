/**
 * Hashing worker: computes the SHA-256 of one export beside the ingestion workers parsing it (see
 * protocol.ts). A script of its own, not the ingestion worker's: it needs none of the parsing code,
 * which every worker compiles when it starts (about a tenth of a second of a core, while the
 * parsing workers and the caller start too) and holds in its heap for the whole load.
 */
import { parentPort } from 'node:worker_threads';
import { sha256OfFile } from '../fileSha256';
import type { IngestMessage, PostedJob } from './protocol';
import { yieldCoresToCaller } from './threadPriority';

const post = (message: IngestMessage): void => parentPort?.postMessage(message);

// Hashing uses a core; the caller's event loop must still get one at once when it needs it.
if (parentPort) yieldCoresToCaller();

parentPort?.on('message', (job: PostedJob) => {
  const hashed =
    job.type === 'hash'
      ? sha256OfFile(job.path).then((result) => post({ type: 'hash', ...result }))
      : Promise.reject(new Error(`the hashing worker was sent a ${job.type} job`));
  hashed.catch((err) => post({ type: 'error', message: err instanceof Error ? err.message : String(err) }));
});
