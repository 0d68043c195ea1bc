import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';

/** Bytes read and hashed at a time (and, without a worker, between two turns of the event loop). */
const CHUNK = 1 << 20;

/**
 * SHA-256 (lower-case hex) and length of a file's bytes, read into one reused buffer: a stream's
 * fresh chunk per read left tens of MB waiting for collection while a large export was hashed.
 * `between` runs after each chunk (a turn of the event loop, when hashing on the caller's thread).
 */
export async function sha256OfFile(
  path: string,
  between?: () => Promise<void>,
): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  const buffer = Buffer.allocUnsafe(CHUNK);
  const handle = await open(path, 'r');
  let bytes = 0;
  try {
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, CHUNK, bytes);
      if (bytesRead === 0) break;
      hash.update(buffer.subarray(0, bytesRead));
      bytes += bytesRead;
      if (between) await between();
    }
  } finally {
    await handle.close();
  }
  return { sha256: hash.digest('hex'), bytes };
}
