import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { WorkerJob } from '../worker/workerJob';
import { ingestWorkerFile } from '../worker/workerFile';

/** Bytes hashed between two turns of the event loop when no worker is available. */
const CHUNK = 4 << 20;

/**
 * SHA-256 of a file's bytes, lower-case hex, computed in the ingestion worker (off the caller's
 * thread: about 2 s for 775 MB) or, without a worker script, streamed in 4 MiB chunks with a turn
 * of the event loop between them.
 */
export async function hashFile(
  path: string,
  /** The worker script; false: hash in this thread. */
  workerFile: string | false = ingestWorkerFile() ?? false,
): Promise<string> {
  if (workerFile !== false) {
    const job = new WorkerJob(workerFile, { type: 'hash', path });
    const message = await job.next();
    if (message.type !== 'hash') throw new Error(`${path}: the hashing worker answered ${message.type}`);
    return message.sha256;
  }
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: CHUNK })) {
    hash.update(chunk as Buffer);
    await new Promise((resolve) => setImmediate(resolve));
  }
  return hash.digest('hex');
}
