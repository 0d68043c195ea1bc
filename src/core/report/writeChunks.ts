import { constants, write } from 'node:fs';
import { open, unlink, type FileHandle } from 'node:fs/promises';
import { ByteText } from './byteText';
import type { LateText } from './lateHashes';

/**
 * Bytes per write: two buffers of this size, one filled while the other is written (1 MiB: the
 * writes of a 200 MB report take no longer than with 4 MiB, and 6 MB less is held while it is written).
 */
const BUFFER_BYTES = 1 << 20;

/**
 * A file descriptor the caller opened and keeps (standard output redirected to a regular file):
 * written from where it stands, never cut, closed or removed. `name` is for messages.
 */
export interface OpenFile {
  fd: number;
  name: string;
}

/** What the writer needs of a file: a `FileHandle`, or an `OpenFile` through `fs.write`. */
interface Writable {
  write(
    buffer: Uint8Array,
    offset: number,
    length: number,
    position?: number,
  ): Promise<{ bytesWritten: number }>;
}

function writableFd(fd: number): Writable {
  return {
    write: (buffer, offset, length, position) =>
      new Promise((resolve, reject) =>
        write(fd, buffer, offset, length, position ?? null, (err, bytesWritten) =>
          err ? reject(err) : resolve({ bytesWritten }),
        ),
      ),
  };
}

/**
 * Writes `n` bytes of `buffer`, however many calls the file takes: at `position` when given, else
 * where the file stands.
 */
async function writeAll(file: Writable, buffer: Uint8Array, n: number, position?: number): Promise<void> {
  let done = 0;
  while (done < n) {
    const at = position === undefined ? undefined : position + done;
    const { bytesWritten } = await file.write(buffer, done, n - done, at);
    done += bytesWritten;
  }
}

/**
 * Cuts an opened file to `n` bytes; anything but a regular file (a pipe, a terminal) has nothing to
 * cut.
 */
async function cut(file: FileHandle, n: number): Promise<void> {
  try {
    await file.truncate(n);
  } catch (error) {
    if ((await file.stat()).isFile()) throw error;
  }
}

/**
 * One write in flight at a time to a file written from its start. An existing file is written over
 * in place and cut to the new length at the end, not emptied when opened: emptying a big older
 * report (freeing its cached pages) held the opening for 150-370 ms at 200 MB, and the writes
 * into fresh pages took longer than over the old ones (and ext4 flushed them on close). An
 * `OpenFile` is only written to (from where it stands).
 */
class FileWriter {
  // The operation in flight (never rejects: its error is kept in `failure` and thrown by `settle`).
  private pending: Promise<void> = Promise.resolve();
  private failure: { error: unknown } | undefined;
  /** Bytes handed to the file so far. */
  private written = 0;

  private constructor(
    private readonly file: Writable,
    /** The file opened here, and its path (none: an `OpenFile`). */
    private readonly own?: { handle: FileHandle; path: string },
  ) {}

  static async open(target: string | OpenFile): Promise<FileWriter> {
    if (typeof target !== 'string') return new FileWriter(writableFd(target.fd));
    const handle = await open(target, constants.O_WRONLY | constants.O_CREAT);
    return new FileWriter(handle, { handle, path: target });
  }

  private kept(operation: Promise<void>): Promise<void> {
    return operation.catch((error: unknown) => {
      this.failure ??= { error };
    });
  }

  /** Waits for the operation in flight; throws its error, if any. */
  async settle(): Promise<void> {
    await this.pending;
    if (this.failure) throw this.failure.error;
  }

  /** Starts writing `n` bytes of `buffer` (after `settle`: one operation at a time). */
  start(buffer: Buffer, n: number): void {
    this.written += n;
    this.pending = this.kept(writeAll(this.file, buffer, n));
  }

  /** Bytes handed to the file so far: where the next `start` writes. */
  get position(): number {
    return this.written;
  }

  /** Writes `bytes` over what was written at `position` (after `settle`; a file opened here only). */
  async writeAt(bytes: Uint8Array, position: number): Promise<void> {
    await this.settle();
    if (this.own === undefined) throw new Error('internal: an open file is written in order only');
    await writeAll(this.file, bytes, bytes.length, position);
  }

  /** Cuts the file after the bytes written (what is left of an older file goes). */
  async finish(): Promise<void> {
    await this.settle();
    if (this.own === undefined) return;
    this.pending = this.kept(cut(this.own.handle, this.written));
    await this.settle();
  }

  /**
   * Closes the file once the operation in flight ends; a file not `complete` is removed: half a
   * report must not pass for a whole one (nor an older one's tail after it).
   */
  async end(complete: boolean): Promise<void> {
    await this.pending;
    if (this.own === undefined) return;
    await this.own.handle.close();
    if (!complete) await unlink(this.own.path).catch(() => undefined);
  }
}

/**
 * Writes text chunks to `target` as UTF-8 (a path: created or written over and cut; an `OpenFile`:
 * from where it stands); a chunk may also be UTF-8 bytes already (copied at once, so a source may
 * reuse them). Chunks are encoded into the reused buffers of `writeFilled`, so a report of several
 * hundred MB costs a few dozen writes, no buffer per chunk and no joined string. When writing to a
 * path fails the partial file is removed. Resolves to the bytes written. `bufferBytes` is for tests.
 */
export function writeChunks(
  target: string | OpenFile,
  chunks: Iterable<string | Uint8Array>,
  bufferBytes = BUFFER_BYTES,
): Promise<number> {
  return writeFilled(
    target,
    function* (to) {
      for (const chunk of chunks) {
        if (typeof chunk === 'string') to.encoded(chunk);
        else to.raw(chunk);
        yield;
      }
    },
    bufferBytes,
  );
}

/**
 * Writes to `target` what `fill` appends to the buffer it is given: a path (created, or written
 * over and cut) or an `OpenFile` (written from where it stands, no `late` values). After
 * each step of `fill`, a buffer holding `bufferBytes` or more goes to the file and `fill` goes on
 * in the other one (the text is encoded once, where it is written: no chunk copied from a buffer
 * of its own). `fill` must not keep references into the buffer across steps (its `bytes` change).
 * Each `late` placeholder, written whole within one step, is found where it was written and its
 * value written over it at the end. When writing to a path fails (or a late value does) the partial
 * file is removed. Resolves to the bytes written. `bufferBytes` is for tests.
 */
export async function writeFilled(
  target: string | OpenFile,
  fill: (to: ByteText) => Iterable<unknown>,
  bufferBytes = BUFFER_BYTES,
  late: readonly LateText[] = [],
): Promise<number> {
  // Marked handled now: a write that fails first never awaits them.
  for (const l of late) l.value.catch(() => undefined);
  const file = await FileWriter.open(target);
  // Room for a step past the mark (a run of messages is a few hundred kB), so the buffer rarely grows.
  const capacity = bufferBytes + (bufferBytes >> 2);
  const to = new ByteText(capacity);
  // The other buffer: written, or free once the write in flight settled.
  let other: Buffer = Buffer.allocUnsafe(to.bytes.length);
  const pending = late.map((l) => ({ ...l, bytes: Buffer.from(l.placeholder, 'utf8'), at: -1 }));
  const flush = async () => {
    await file.settle();
    const full = to.bytes;
    for (const p of pending) {
      if (p.at >= 0) continue;
      const i = full.subarray(0, to.length).indexOf(p.bytes);
      if (i >= 0) p.at = file.position + i;
    }
    file.start(full, to.length);
    to.bytes = other;
    to.clear();
    other = full;
  };
  let complete = false;
  try {
    const steps = fill(to)[Symbol.iterator]();
    while (!steps.next().done) if (to.length >= bufferBytes) await flush();
    if (to.length > 0) await flush();
    for (const p of pending) {
      if (p.at < 0) throw new Error(`internal: ${p.placeholder} was not written`);
      const value = Buffer.from(await p.value, 'utf8');
      if (value.length !== p.bytes.length)
        throw new Error(`internal: ${p.placeholder} has no value of its length`);
      await file.writeAt(value, p.at);
    }
    await file.finish();
    complete = true;
  } finally {
    await file.end(complete);
  }
  return file.position;
}
