import { open, unlink, type FileHandle } from 'node:fs/promises';

/** Bytes per write: two buffers of this size, one filled while the other is written. */
const BUFFER_BYTES = 4 << 20;

/** Writes `n` bytes of `buffer`, however many calls the file takes. */
async function writeAll(file: FileHandle, buffer: Buffer, n: number): Promise<void> {
  let done = 0;
  while (done < n) {
    const { bytesWritten } = await file.write(buffer, done, n - done);
    done += bytesWritten;
  }
}

/**
 * Writes text chunks to `outPath` as UTF-8 (created or truncated); a chunk may also be UTF-8 bytes
 * already (copied or written before the next chunk is asked for, so a source may reuse them). Chunks are encoded into one of
 * two reused buffers and each full buffer is written while the next one fills, so a report of
 * several hundred MB costs a few dozen writes, no buffer per chunk and no joined string; a chunk
 * bigger than a buffer is written on its own. When writing fails the partial file is removed.
 * `bufferBytes` is for tests.
 */
export async function writeChunks(
  outPath: string,
  chunks: Iterable<string | Uint8Array>,
  bufferBytes = BUFFER_BYTES,
): Promise<void> {
  const file = await open(outPath, 'w');
  const buffers = [Buffer.allocUnsafe(bufferBytes), Buffer.allocUnsafe(bufferBytes)];
  let current = 0;
  let used = 0;
  // The write in flight (never rejects: its error is kept in `failure` and thrown by `settle`).
  let pending: Promise<void> = Promise.resolve();
  let failure: { error: unknown } | undefined;
  const settle = async () => {
    await pending;
    if (failure) throw failure.error;
  };
  const start = (buffer: Buffer, n: number) => {
    pending = writeAll(file, buffer, n).catch((error: unknown) => {
      failure = { error };
    });
  };
  // Hands the filled buffer to the file and switches to the other one, whose write (if any) was
  // settled before this one started.
  const flush = async () => {
    if (used === 0) return;
    await settle();
    start(buffers[current], used);
    current ^= 1;
    used = 0;
  };
  let complete = false;
  try {
    for (const chunk of chunks) {
      if (typeof chunk !== 'string') {
        // Bytes are copied or written before the next chunk is asked for: the source may reuse them.
        if (used + chunk.length > bufferBytes) await flush();
        if (chunk.length > bufferBytes) {
          await settle();
          start(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length), chunk.length);
          await settle();
          continue;
        }
        buffers[current].set(chunk, used);
        used += chunk.length;
        continue;
      }
      // A UTF-16 code unit takes at most three UTF-8 bytes.
      const most = chunk.length * 3;
      if (used + most > bufferBytes) await flush();
      if (most > bufferBytes) {
        await settle();
        const whole = Buffer.from(chunk, 'utf8');
        start(whole, whole.length);
        continue;
      }
      used += buffers[current].write(chunk, used, 'utf8');
    }
    await flush();
    await settle();
    complete = true;
  } finally {
    await pending;
    await file.close();
    // A half-written report must not pass for a whole one: the file (truncated when opened, so
    // nothing of an older version is left to keep) is removed.
    if (!complete) await unlink(outPath).catch(() => undefined);
  }
}
