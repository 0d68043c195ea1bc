import { sha256OfFile } from '../fileSha256';
import { WorkerJob } from '../worker/workerJob';
import { hashWorkerFile } from '../worker/workerFile';

/**
 * SHA-256 of a file's bytes, lower-case hex, computed in the hashing worker (off the caller's
 * thread: about 2 s for 775 MB) or, without a worker script, in 1 MiB chunks with a turn of the
 * event loop between them.
 */
export async function hashFile(
  path: string,
  /** The worker script; false: hash in this thread. */
  workerFile: string | false = hashWorkerFile() ?? false,
): Promise<string> {
  if (workerFile !== false) {
    const job = new WorkerJob(workerFile, { type: 'hash', path });
    const message = await job.next();
    if (message.type !== 'hash') throw new Error(`${path}: the hashing worker answered ${message.type}`);
    return message.sha256;
  }
  const { sha256 } = await sha256OfFile(path, () => new Promise((resolve) => setImmediate(resolve)));
  return sha256;
}
