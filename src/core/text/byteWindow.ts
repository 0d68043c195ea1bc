import { readBytesInto, type ByteSource } from '../byteSource';
import type { ReadProgress } from '../containers/types';
import { giveBuffer, takeBuffer } from './spareBuffers';
import { findUnit, LF, type UnitWidth } from './units';

/** Options of a sliding window over a byte source. */
export interface ByteWindowOptions {
  /** Bytes asked for per read; a row longer than the window makes the next read at least as long. */
  chunkSize: number;
  unitWidth: UnitWidth;
  /** Total bytes to read (the file size, or less when only the head is sniffed). */
  size: number;
  /**
   * File offset to start reading at (default 0; a unit boundary). Line numbers then count from 1 at
   * this offset: a reader of one range of a file adds the lines before it.
   */
  start?: number;
  signal?: AbortSignal;
  onBytes?: (chunk: Uint8Array) => void;
  onProgress?: (progress: ReadProgress) => void;
}

/** Least time between two progress reports (at most five a second). */
const PROGRESS_INTERVAL_MS = 200;

/**
 * A sliding window over a byte source, read strictly in order from offset 0. The scanners look at
 * `bytes` (file offsets `base` to `end`) and call `fill(keepFrom)` when a row runs past the end: the
 * bytes before `keepFrom` are dropped, so memory stays at about one chunk plus the longest row.
 *
 * Because a row that spans the window end is scanned again from its start after `fill`, the read
 * size grows with the kept bytes; a long row is thus rescanned a logarithmic number of times only.
 *
 * The window also counts lines (line feeds before an offset), lazily and linearly, so that rows can
 * say on which line they start.
 */
export class ByteWindow {
  /** The window's bytes: the start of `store`. */
  private data: Buffer = Buffer.alloc(0);
  /**
   * The buffer every read fills (grown when a read and the kept bytes do not fit). Only the window's
   * current `bytes` are valid: a `fill` overwrites what earlier views of it showed.
   */
  private store: Buffer = this.data;
  private dataBase = 0;
  private readPos = 0;
  private size: number;
  private lastProgressMs = 0;
  private countedPos = 0;
  private countedLine = 1;
  /** File offset of the next line feed at or after `countedPos`, or -1 when not yet searched. */
  private nextLf = -1;
  /** When `nextLf` is -1: no line feed lies in [countedPos, lfSearchedTo). */
  private lfSearchedTo = 0;
  /** True once the caller's signal stopped the reading. */
  aborted = false;

  constructor(
    private readonly source: ByteSource,
    private readonly options: ByteWindowOptions,
  ) {
    this.size = options.size;
    const start = options.start ?? 0;
    this.dataBase = this.readPos = this.countedPos = this.lfSearchedTo = start;
  }

  /** File offset of `bytes[0]`. */
  get base(): number {
    return this.dataBase;
  }

  /** File offset just past the last whole unit in the window. */
  get end(): number {
    return this.dataBase + this.bytes.length;
  }

  /** True when every byte of the source has been read into the window. */
  get eof(): boolean {
    return this.readPos >= this.size;
  }

  /** The window's bytes, cut to whole units (a UTF-16 unit split by a read waits for the next one). */
  get bytes(): Buffer {
    const w = this.options.unitWidth;
    const length = this.data.length;
    return w === 1 || (length & 1) === 0 ? this.data : this.data.subarray(0, length - 1);
  }

  /**
   * Reads more of the source, keeping the bytes from file offset `keepFrom` (a unit boundary no
   * later than `end`). Returns false when nothing more can be read (end of source, or aborted).
   */
  async fill(keepFrom: number): Promise<boolean> {
    if (this.options.signal?.aborted) {
      this.aborted = true;
      return false;
    }
    if (this.readPos >= this.size) return false;
    // Never drop past `end`: a UTF-16 unit split by the last read must stay whole.
    const keep = Math.min(keepFrom, this.end);
    if (keep >= this.countedPos) this.lineAt(keep);
    const keepAt = Math.max(0, keep - this.dataBase);
    const keptLength = this.data.length - keepAt;
    const want = Math.min(Math.max(this.options.chunkSize, keptLength), this.size - this.readPos);
    // The window's bytes live in one buffer, refilled in place: a fresh buffer per read, joined to
    // the kept bytes by one more copy, cost the parse workers an allocation and a copy per chunk.
    let store = this.store;
    const need = keptLength + want;
    if (store.length < need) {
      // Room for a little more than this read, so that a slightly longer kept row next time fits.
      store = takeBuffer(need, need + (need >> 3));
      store.set(this.data.subarray(keepAt), 0);
    } else if (keepAt > 0 && keptLength > 0) {
      store.copyWithin(0, keepAt, keepAt + keptLength);
    }
    let got = 0;
    // A byte source may return short reads; gather a whole chunk so that chunk sizes stay predictable.
    while (got < want) {
      const n = await readBytesInto(this.source, store, keptLength + got, this.readPos + got, want - got);
      if (n === 0) break;
      got += n;
    }
    this.store = store;
    if (got === 0) {
      // The source ended early (the file shrank): treat what was read as the whole file.
      this.data = store.subarray(0, keptLength);
      this.dataBase = this.readPos - keptLength;
      this.size = this.readPos;
      return false;
    }
    this.options.onBytes?.(store.subarray(keptLength, keptLength + got));
    this.dataBase = this.readPos - keptLength;
    this.readPos += got;
    this.data = store.subarray(0, keptLength + got);
    this.reportProgress(false);
    return true;
  }

  /**
   * Ends the window: its buffer goes to the next window of this thread (see spareBuffers.ts), so
   * no view of its bytes may be used after this. A released window holds no bytes and reads nothing.
   */
  release(): void {
    const store = this.store;
    this.store = this.data = Buffer.alloc(0);
    this.size = this.readPos;
    giveBuffer(store);
  }

  /** Reports final progress (once the reading is over). */
  finish(): void {
    this.reportProgress(true);
  }

  /**
   * The caller found the first line feed at or after the last offset given to `lineAt`: it is at
   * file offset `at`. Spares `lineAt` searching those bytes again (a JSON line is searched for its
   * end by the reader anyway).
   */
  noteLineFeed(at: number): void {
    // Known already, or a line feed would lie before `at` in bytes searched: nothing to learn.
    if (this.nextLf >= 0 || at < this.lfSearchedTo || at < this.countedPos) return;
    this.nextLf = at;
  }

  /**
   * 1-based line number of the line holding file offset `offset`. Calls must not go backwards and
   * `offset` must lie in the window; each byte is searched for line feeds once.
   */
  lineAt(offset: number): number {
    if (offset < this.countedPos) throw new Error(`internal: line count asked backwards (${offset})`);
    const w = this.options.unitWidth;
    for (;;) {
      if (this.nextLf >= 0) {
        if (this.nextLf >= offset) break;
        this.countedLine++;
        this.lfSearchedTo = this.nextLf + w;
        this.nextLf = -1;
        continue;
      }
      if (this.lfSearchedTo >= offset) break;
      const buf = this.bytes;
      const from = Math.max(this.lfSearchedTo, this.dataBase);
      const hit = findUnit(buf, LF, from - this.dataBase, w);
      if (hit < 0) {
        this.lfSearchedTo = this.dataBase + buf.length;
        break;
      }
      this.nextLf = this.dataBase + hit;
    }
    this.countedPos = offset;
    return this.countedLine;
  }

  private reportProgress(final: boolean): void {
    const onProgress = this.options.onProgress;
    if (!onProgress) return;
    const now = Date.now();
    if (!final && now - this.lastProgressMs < PROGRESS_INTERVAL_MS) return;
    this.lastProgressMs = now;
    onProgress({ bytesRead: this.readPos, totalBytes: this.size });
  }
}

/** Reads `length` bytes from `offset` (fewer only at the end of the source), gathering short reads. */
export async function readExactly(source: ByteSource, offset: number, length: number): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  let got = 0;
  while (got < length) {
    const chunk = await source.read(offset + got, length - got);
    if (chunk.length === 0) break;
    parts.push(chunk);
    got += chunk.length;
  }
  return Buffer.concat(parts);
}

/**
 * Counts the lines before `offset` by reading the source from `fromOffset` (whose line is
 * `fromLine`); used to give a re-parsed row its line without a full pass.
 */
export async function countLinesBetween(
  source: ByteSource,
  fromOffset: number,
  fromLine: number,
  offset: number,
  w: UnitWidth,
): Promise<number> {
  let line = fromLine;
  const step = 1 << 20;
  for (let pos = fromOffset; pos < offset; pos += step) {
    const chunk = await readExactly(source, pos, Math.min(step, offset - pos));
    for (let i = findUnit(chunk, LF, 0, w); i >= 0; i = findUnit(chunk, LF, i + w, w)) line++;
    if (chunk.length < Math.min(step, offset - pos)) break;
  }
  return line;
}

/** Reads whatever is left (so that `onBytes` sees every byte) and reports the final progress. */
export async function drainWindow(win: ByteWindow): Promise<void> {
  while (!win.aborted && (await win.fill(win.end)));
  if (!win.aborted) win.finish();
}
