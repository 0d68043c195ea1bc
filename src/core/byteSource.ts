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
  /** Releases any handle; reading after close is an error. */
  close(): Promise<void>;
}

/** A byte source over a file on disk, opened read-only (evidence is never written). */
export function fileByteSource(path: string): ByteSource {
  let handle: Promise<import('node:fs/promises').FileHandle> | undefined;
  const fh = () => (handle ??= open(path, 'r'));
  return {
    path,
    async size() {
      return (await (await fh()).stat()).size;
    },
    async read(offset, length) {
      const buffer = Buffer.allocUnsafe(length);
      const { bytesRead } = await (await fh()).read(buffer, 0, length, offset);
      return buffer.subarray(0, bytesRead);
    },
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
    close: () => Promise.resolve(),
  };
}
