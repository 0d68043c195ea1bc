import { readSync } from 'node:fs';
import { open } from 'node:fs/promises';

/**
 * Random access to the bytes of one export file. The engine never reads a file any other way, so
 * tests can feed it bytes and the extension host can feed it paged reads of a (possibly huge) file.
 */
export interface ByteSource {
  /** Path as shown to people and written in reports (absolute for files on disk). */
  readonly path: string;
  /** Total size in bytes. */
  size(): Promise<number>;
  /** Up to `length` bytes from `offset`; fewer only at the end of the source. */
  read(offset: number, length: number): Promise<Uint8Array>;
  /**
   * Optional: copies up to `length` bytes from `offset` into `target` at `targetOffset` and returns
   * how many (fewer only at the end of the source). Lets a reader refill one buffer it keeps instead
   * of allocating a new one per read and copying it once more; readers fall back to `read`.
   */
  readInto?(target: Uint8Array, targetOffset: number, offset: number, length: number): Promise<number>;
  /** Releases any handle; reading after close is an error. */
  close(): Promise<void>;
}

/**
 * A byte source over a file on disk, opened read-only (evidence is never written).
 * `blocking`: each read blocks the calling thread (`readSync`) instead of going through libuv's
 * thread pool, for a worker thread whose only job is reading the file (a parse worker): the pool's
 * round trip per read, two thread switches on a machine whose cores are all parsing, cost 2–5 % of
 * a report's CPU. A worker so blocked is still stopped at once (`Worker.terminate`). Never on a
 * thread with an event loop to keep (the extension host's).
 */
export function fileByteSource(path: string, options: { blocking?: boolean } = {}): ByteSource {
  let handle: Promise<import('node:fs/promises').FileHandle> | undefined;
  const fh = () => (handle ??= open(path, 'r'));
  const readAt = async (target: Uint8Array, at: number, length: number, offset: number): Promise<number> => {
    const file = await fh();
    if (options.blocking) return readSync(file.fd, target, at, length, offset);
    return (await file.read(target, at, length, offset)).bytesRead;
  };
  return {
    path,
    async size() {
      return (await (await fh()).stat()).size;
    },
    async read(offset, length) {
      const buffer = Buffer.allocUnsafe(length);
      return buffer.subarray(0, await readAt(buffer, 0, length, offset));
    },
    readInto: (target, targetOffset, offset, length) => readAt(target, targetOffset, length, offset),
    async close() {
      if (handle) await (await handle).close();
      handle = undefined;
    },
  };
}

/** A byte source over bytes in memory (tests, generated exports). */
export function memoryByteSource(path: string, bytes: Uint8Array | string): ByteSource {
  const data = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
  return {
    path,
    size: () => Promise.resolve(data.length),
    read: (offset, length) => Promise.resolve(data.subarray(offset, Math.min(data.length, offset + length))),
    readInto(target, targetOffset, offset, length) {
      const part = data.subarray(Math.min(data.length, offset), Math.min(data.length, offset + length));
      target.set(part, targetOffset);
      return Promise.resolve(part.length);
    },
    close: () => Promise.resolve(),
  };
}

/**
 * Copies up to `length` bytes of `source` from `offset` into `target` at `at`; returns how many (0
 * only at the end). Through `ByteSource.readInto` where the source has it, else `read` and a copy.
 */
export async function readBytesInto(
  source: ByteSource,
  target: Uint8Array,
  at: number,
  offset: number,
  length: number,
): Promise<number> {
  if (source.readInto) return source.readInto(target, at, offset, length);
  const chunk = await source.read(offset, length);
  const n = Math.min(chunk.length, length);
  target.set(n === chunk.length ? chunk : chunk.subarray(0, n), at);
  return n;
}
