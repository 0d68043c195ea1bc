import type { ByteSource } from '../byteSource';
import { ByteWindow, countLinesBetween, drainWindow, readExactly } from '../text/byteWindow';
import type { TextLayout } from '../text/encoding';
import { LineCheckpoints } from '../text/lineCheckpoints';
import { bufferEncoding, CR, findUnit, LF, unitAt, type UnitWidth } from '../text/units';
import { describeJsonError } from './auditJson';
import { JsonSplitter } from './jsonSplitter';
import type { ReaderTuning } from './readerTuning';
import { splitGuesses } from './splitGuesses';
import { auditFromElement } from './recordShapes';
import type { ContainerKind, ContainerReader, ReadOptions, SourceRow } from './types';

/** How the elements of a JSON export are delimited. */
export type JsonMode = 'lines' | 'elements';

/** Turns the text of one element (or line) into a row. */
export function jsonRow(text: string, line: number, offset: number, length: number, what: string): SourceRow {
  let element: unknown;
  try {
    element = JSON.parse(text);
  } catch (error) {
    return { line, offset, length, error: `${what} is not valid JSON: ${describeJsonError(text, error)}` };
  }
  return { line, offset, length, ...auditFromElement(element) };
}

/**
 * Reader of the JSON containers: JSON Lines (`lines`: one element per line, so a broken line never
 * affects the next) and JSON documents (`elements`: arrays, concatenated arrays, Graph pages, single
 * or concatenated objects, split by `JsonSplitter`).
 */
export class JsonReader implements ContainerReader {
  private readonly checkpoints = new LineCheckpoints();

  constructor(
    readonly kind: ContainerKind,
    readonly source: ByteSource,
    private readonly size: number,
    private readonly layout: TextLayout,
    private readonly mode: JsonMode,
    private readonly tuning: ReaderTuning,
  ) {}

  get encoding(): TextLayout['encoding'] {
    return this.layout.encoding;
  }

  rows(options: ReadOptions = {}): AsyncIterable<SourceRow> {
    return this.mode === 'lines' ? this.lineRows(options) : this.elementRows(options);
  }

  /** Remembers where a row read elsewhere (in a worker) starts, for later `reparse` calls. */
  noteLine(offset: number, line: number): void {
    this.checkpoints.note(offset, line);
  }

  async reparse(offset: number, length: number): Promise<SourceRow> {
    const w = this.layout.unitWidth;
    const near = this.checkpoints.nearest(offset);
    const line = await countLinesBetween(this.source, near.offset, near.line, offset, w);
    const bytes = await readExactly(this.source, offset, length);
    const text = bytes.toString(bufferEncoding(w));
    return jsonRow(text, line, offset, length, this.mode === 'lines' ? 'line' : 'element');
  }

  async splitPoints(count: number, head?: number): Promise<number[]> {
    const w = this.layout.unitWidth;
    const points = [this.layout.bomLength];
    if (this.mode === 'lines') {
      for (const guess of splitGuesses(this.size, count, w, head)) {
        const last = points[points.length - 1];
        if (guess <= last) continue;
        // Every line stands alone in JSON Lines: any line start is a record boundary.
        const win = new ByteWindow(this.source, {
          chunkSize: 1 << 20,
          unitWidth: w,
          size: this.size,
          start: guess,
        });
        const lf = guess < win.end || (await win.fill(guess)) ? await lineFeedFrom(win, guess, w) : -1;
        win.release();
        if (lf >= 0 && lf + w > last && lf + w < this.size) points.push(lf + w);
      }
    }
    points.push(this.size);
    return points;
  }

  private window(options: ReadOptions): ByteWindow {
    return new ByteWindow(this.source, {
      chunkSize: this.tuning.chunkSize,
      unitWidth: this.layout.unitWidth,
      size: this.size,
      signal: options.signal,
      onBytes: options.onBytes,
      onProgress: options.onProgress,
      start: options.range?.from,
    });
  }

  private async *elementRows(options: ReadOptions): AsyncGenerator<SourceRow> {
    const win = this.window(options);
    try {
      const splitter = new JsonSplitter(
        win,
        this.layout.bomLength,
        this.layout.unitWidth,
        this.tuning.maxRecordBytes,
      );
      const enc = bufferEncoding(this.layout.unitWidth);
      for (;;) {
        const span = await splitter.next();
        if (!span) break;
        this.checkpoints.note(span.start, span.line);
        const length = span.end - span.start;
        if (span.error) {
          yield { line: span.line, offset: span.start, length, error: span.error };
        } else {
          const text = win.bytes.toString(enc, span.start - win.base, span.end - win.base);
          yield jsonRow(text, span.line, span.start, length, 'element');
        }
        if (options.signal?.aborted) return;
      }
      await drainWindow(win);
    } finally {
      win.release();
    }
  }

  private async *lineRows(options: ReadOptions): AsyncGenerator<SourceRow> {
    const w = this.layout.unitWidth;
    const enc = bufferEncoding(w);
    const win = this.window(options);
    try {
      const range = options.range;
      const stop = range?.to ?? Infinity;
      // The fast path reads UTF-8 only.
      const pick = w === 1 ? options.pickAudit : undefined;
      let pos = range?.from ?? this.layout.bomLength;
      while (!win.aborted) {
        if (pos >= stop) break;
        if (pos >= win.end && !(await win.fill(pos))) break;
        let hit = findUnit(win.bytes, LF, pos - win.base, w);
        while (hit < 0 && !win.eof && win.end - pos <= this.tuning.maxRecordBytes) {
          if (!(await win.fill(pos))) break;
          hit = findUnit(win.bytes, LF, pos - win.base, w);
        }
        if (win.aborted) return;
        const line = win.lineAt(pos);
        if (hit >= 0) win.noteLineFeed(win.base + hit);
        if (hit < 0 && !win.eof) {
          // A line too long to be a record: report it and skip to its end without holding it.
          const lf = await skipToLineFeed(win, w);
          if (win.aborted) return;
          const stop = lf < 0 ? win.end : lf;
          const error = `line is longer than ${this.tuning.maxRecordBytes} bytes: too long to be one record`;
          yield { line, offset: pos, length: stop - pos, error };
          pos = lf < 0 ? win.end : lf + w;
          continue;
        }
        const lineEnd = hit < 0 ? win.end : win.base + hit;
        const next = hit < 0 ? win.end : lineEnd + w;
        const buf = win.bytes;
        let end = lineEnd - win.base;
        if (end - (pos - win.base) >= w && unitAt(buf, end - w, w) === CR) end -= w;
        const length = end - (pos - win.base);
        const canonical = pick ? pick(buf, pos - win.base, end, false, true) : undefined;
        if (canonical) {
          if (!range) this.checkpoints.note(pos, line);
          yield { line, offset: pos, length, canonical };
          if (options.signal?.aborted) return;
          pos = next;
          continue;
        }
        const text = buf.toString(enc, pos - win.base, end);
        if (text.trim() !== '') {
          // Lines of a range count from its start: the caller notes the true ones (`noteLine`).
          if (!range) this.checkpoints.note(pos, line);
          yield jsonRow(text, line, pos, length, 'line');
          if (options.signal?.aborted) return;
        }
        pos = next;
      }
      if (range) {
        if (!win.aborted) range.reached = { offset: pos, line: win.lineAt(Math.min(pos, win.end)) };
        return;
      }
      await drainWindow(win);
    } finally {
      win.release();
    }
  }
}

/** File offset of the first line feed at or after `from` (reading on), or -1 at the end. */
async function lineFeedFrom(win: ByteWindow, from: number, w: UnitWidth): Promise<number> {
  const hit = findUnit(win.bytes, LF, from - win.base, w);
  if (hit >= 0) return win.base + hit;
  return skipToLineFeed(win, w);
}

/** Reads on (keeping no more than a chunk) to the next line feed; its file offset, or -1 at the end. */
async function skipToLineFeed(win: ByteWindow, w: UnitWidth): Promise<number> {
  let from = win.end;
  for (;;) {
    if (!(await win.fill(from))) return -1;
    const hit = findUnit(win.bytes, LF, from - win.base, w);
    if (hit >= 0) return win.base + hit;
    from = win.end;
  }
}
