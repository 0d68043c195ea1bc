/**
 * Where rendered text goes: encoded (UTF-8 with or without BOM, UTF-16LE with BOM), batched into
 * chunks of about 1 MiB and written to a fs.WriteStream with backpressure; lines are counted on the
 * way so the truth knows the 1-based line where every row starts.
 */
import * as fs from 'node:fs';
import { once } from 'node:events';
import type { FileEncoding } from './options';
import type { Piece } from './common';

const CHUNK_CHARS = 1 << 20;

/** What a sink saw. */
export interface SinkStats {
  /** 1-based line of the first line of every row, in order. */
  rowLines: number[];
  bytes: number;
  /** Writes issued to the stream and the largest one (shows the writer streamed). */
  chunks: number;
  maxChunkBytes: number;
}

export class ExportSink {
  private parts: string[] = [];
  private partChars = 0;
  private line = 1;
  private stream: fs.WriteStream | undefined;
  private failure: Error | undefined;
  private readonly memory: Buffer[] | undefined;
  readonly stats: SinkStats = { rowLines: [], bytes: 0, chunks: 0, maxChunkBytes: 0 };

  /**
   * @param target a file path, `memory` to keep the bytes (small tests), or `count` to only count
   *   lines and bytes (the truth of an export set before it is written).
   */
  constructor(
    target: string,
    private readonly encoding: FileEncoding,
    private readonly keepRowLines = true,
  ) {
    if (target === 'memory') this.memory = [];
    else if (target !== 'count') {
      this.stream = fs.createWriteStream(target);
      this.stream.on('error', (e) => (this.failure = e));
    }
    if (encoding === 'utf-8-bom') this.emit(Buffer.from([0xef, 0xbb, 0xbf]));
    if (encoding === 'utf-16le-bom') this.emit(Buffer.from([0xff, 0xfe]));
  }

  /** Adds a piece; call `drain()` when `needsFlush` is true. */
  add(piece: Piece): void {
    if (piece.row && this.keepRowLines) this.stats.rowLines.push(this.line);
    const t = piece.text;
    for (let i = t.indexOf('\n'); i !== -1; i = t.indexOf('\n', i + 1)) this.line++;
    this.parts.push(t);
    this.partChars += t.length;
  }

  get needsFlush(): boolean {
    return this.partChars >= CHUNK_CHARS;
  }

  /** Encodes and writes what is buffered, waiting for the stream to drain when it asks to. */
  async drain(): Promise<void> {
    if (this.parts.length === 0) return;
    const text = this.parts.join('');
    this.parts = [];
    this.partChars = 0;
    const ok = this.emit(Buffer.from(text, this.encoding === 'utf-16le-bom' ? 'utf16le' : 'utf8'));
    if (!ok && this.stream) await once(this.stream, 'drain');
    if (this.failure) throw this.failure;
  }

  /** Flushes and closes; resolves when the file is complete on disk. */
  async close(): Promise<SinkStats> {
    await this.drain();
    if (this.stream) {
      const stream = this.stream;
      await new Promise<void>((resolve, reject) => {
        stream.once('error', reject);
        stream.end(() => resolve());
      });
      if (this.failure) throw this.failure;
    }
    return this.stats;
  }

  /** The bytes written so far (memory sinks only). */
  bytes(): Buffer {
    if (!this.memory) throw new Error('not a memory sink');
    return Buffer.concat(this.memory);
  }

  private emit(buf: Buffer): boolean {
    this.stats.bytes += buf.length;
    this.stats.chunks++;
    this.stats.maxChunkBytes = Math.max(this.stats.maxChunkBytes, buf.length);
    if (this.memory) this.memory.push(buf);
    return this.stream ? this.stream.write(buf) : true;
  }
}

/** Runs pieces through a sink, draining whenever about 1 MiB is buffered. */
export async function pump(pieces: Iterable<Piece>, sink: ExportSink): Promise<SinkStats> {
  for (const piece of pieces) {
    sink.add(piece);
    if (sink.needsFlush) await sink.drain();
  }
  return sink.close();
}

/** Like pump, for the synchronous cases (count and memory sinks never wait). */
export function pumpSync(pieces: Iterable<Piece>, sink: ExportSink): SinkStats {
  for (const piece of pieces) sink.add(piece);
  void sink.drain();
  return sink.stats;
}
