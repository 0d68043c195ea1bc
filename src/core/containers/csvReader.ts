import type { ByteSource } from '../byteSource';
import { ByteWindow, countLinesBetween, drainWindow, readExactly } from '../text/byteWindow';
import type { TextLayout } from '../text/encoding';
import { LineCheckpoints } from '../text/lineCheckpoints';
import { findUnit, LF, type UnitWidth } from '../text/units';
import { parseJsonObject } from './auditJson';
import type { CsvLayout } from './csvLayout';
import { AuditCell } from './auditCell';
import { CsvFields, FIELD_ESCAPED, FIELD_QUOTED, scanCsvRecord } from './csvScanner';
import type { ReaderTuning } from './readerTuning';
import { splitGuesses } from './splitGuesses';
import { sentinelToAudit } from './sentinel';
import type { AuditPicker, ContainerReader, ReadOptions, RowEnvelope, SourceRow } from './types';

/** How far past a guessed split point a record start is looked for. */
const SPLIT_SEARCH_BYTES = 16 << 20;

/** A CSV layout plus where its header ends. */
export interface CsvFile extends CsvLayout {
  /** Delimiter code unit (`,`, `;` or tab). */
  delimiter: number;
  /** File offset of the first data row (just after the header's line break). */
  dataStart: number;
}

/**
 * Reader of the CSV containers. Rows are scanned on raw bytes (see `scanCsvRecord`); only the
 * AuditData and envelope cells are decoded (every cell for Sentinel, whose record is rebuilt).
 *
 * A row that cannot be read becomes an error row. When its quotes are suspect (a stray quote, a
 * quote never closed, or a column count unlike the header's) and it ran over several lines, the
 * lines after its first are checked one by one and reading resumes at the first line where a record
 * of this header starts, so an unbalanced quote never silently swallows the rows after it. A record
 * may itself span lines (a quoted cell holding a line break, as Sentinel's OriginatingServer does),
 * so the check scans a whole record from each line, not just the line. A row whose quoting is sound
 * but whose content is bad (a cell cut at 32,767 characters and re-quoted by a spreadsheet) is
 * reported alone: its line breaks are its own, and the next row starts right after it.
 */
export class CsvReader implements ContainerReader {
  private readonly checkpoints = new LineCheckpoints();
  private readonly w: UnitWidth;

  constructor(
    readonly source: ByteSource,
    private readonly size: number,
    private readonly layout: TextLayout,
    private readonly csv: CsvFile,
    private readonly tuning: ReaderTuning,
  ) {
    this.w = layout.unitWidth;
  }

  get kind(): CsvLayout['kind'] {
    return this.csv.kind;
  }

  get encoding(): TextLayout['encoding'] {
    return this.layout.encoding;
  }

  rows(options: ReadOptions = {}): AsyncIterable<SourceRow> {
    return this.scanRows(options);
  }

  /** Remembers where a row read elsewhere (in a worker) starts, for later `reparse` calls. */
  noteLine(offset: number, line: number): void {
    this.checkpoints.note(offset, line);
  }

  async reparse(offset: number, length: number): Promise<SourceRow> {
    const near = this.checkpoints.nearest(offset);
    const line = await countLinesBetween(this.source, near.offset, near.line, offset, this.w);
    const buf = await readExactly(this.source, offset, length);
    const fields = new CsvFields();
    const scan = scanCsvRecord(buf, 0, true, this.w, this.csv.delimiter, fields);
    if (scan.status !== 'ok')
      return { line, offset, length, error: 'a quoted field is never closed (unbalanced quote)' };
    return this.buildRow(buf, fields, line, offset, length, scan.strayQuoteField);
  }

  private async *scanRows(options: ReadOptions): AsyncGenerator<SourceRow> {
    const w = this.w;
    const win = new ByteWindow(this.source, {
      chunkSize: this.tuning.chunkSize,
      unitWidth: w,
      size: this.size,
      signal: options.signal,
      onBytes: options.onBytes,
      onProgress: options.onProgress,
      start: options.range?.from,
    });
    try {
      const fields = new CsvFields();
      const range = options.range;
      const stop = range?.to ?? Infinity;
      let pos = range?.from ?? this.csv.dataStart;
      const cell = this.cellPicker(options);
      while (!win.aborted) {
        if (pos >= stop) break;
        if (pos >= win.end) {
          if (!(await win.fill(pos))) break;
          continue;
        }
        const base = win.base;
        const buf = win.bytes;
        cell?.clear();
        const scan = scanCsvRecord(buf, pos - base, win.eof, w, this.csv.delimiter, fields, undefined, cell);
        let reason: string;
        if (scan.status === 'more') {
          if (win.end - pos <= this.tuning.maxRecordBytes) {
            if (!(await win.fill(pos)) && win.aborted) return;
            continue;
          }
          reason = `the row is longer than ${this.tuning.maxRecordBytes} bytes without ending (an unbalanced quote?)`;
        } else if (scan.status === 'unterminated') {
          reason = 'a quoted field is never closed (unbalanced quote)';
        } else {
          const next = base + scan.next;
          if (fields.count === 1 && fields.start[0] === fields.end[0] && !(fields.flags[0] & FIELD_QUOTED)) {
            pos = next; // blank line
            continue;
          }
          const line = win.lineAt(pos);
          const length = base + scan.end - pos;
          const row = this.buildRow(
            buf,
            fields,
            line,
            pos,
            length,
            scan.strayQuoteField,
            options.pickAudit,
            cell,
          );
          if (row.error && this.isHeaderRepeat(buf, fields)) {
            pos = next; // the header again, as when exports are concatenated: not a record
            continue;
          }
          if (!row.error || !scan.multiLine || this.soundQuoting(fields, scan.strayQuoteField)) {
            if (!range) this.checkpoints.note(pos, line);
            yield row;
            if (options.signal?.aborted) return;
            pos = next;
            continue;
          }
          reason = row.error;
        }
        const line = win.lineAt(pos);
        const errStart = pos;
        const resume = await this.resync(win, errStart);
        if (win.aborted) return;
        if (!range) this.checkpoints.note(errStart, line);
        yield { line, offset: errStart, length: resume.at - errStart, error: reason + resume.note };
        pos = resume.at;
      }
      if (range) {
        if (!win.aborted) range.reached = { offset: pos, line: win.lineAt(pos) };
        return;
      }
      await drainWindow(win);
    } finally {
      win.release();
    }
  }

  /** The AuditData cell read while scanning (see `CellReader`), when the options allow it. */
  private cellPicker(options: ReadOptions): AuditCell | undefined {
    const a = this.csv.audit;
    const pick = options.pickAuditCell;
    if (!pick || !options.pickAudit || this.w !== 1 || a < 0) return undefined;
    return new AuditCell(a, pick);
  }

  async splitPoints(count: number, head?: number): Promise<number[]> {
    const points = [this.csv.dataStart];
    for (const guess of splitGuesses(this.size, count, this.w, head)) {
      const last = points[points.length - 1];
      if (guess <= last) continue;
      const at = await this.recordStartAfter(guess);
      if (at > last && at < this.size) points.push(at);
    }
    points.push(this.size);
    return points;
  }

  /**
   * The first line start after `from` where a whole record of exactly the header's columns starts
   * (so a line inside a quoted multi-line cell rarely passes), or -1 when none is found nearby.
   */
  private async recordStartAfter(from: number): Promise<number> {
    const win = new ByteWindow(this.source, {
      chunkSize: 1 << 20,
      unitWidth: this.w,
      size: this.size,
      start: from,
    });
    try {
      const fields = new CsvFields();
      const columns = this.csv.columns.length;
      let at = from;
      while (at - from < SPLIT_SEARCH_BYTES) {
        at = await this.nextLineStart(win, at);
        if (at < 0) return -1;
        for (;;) {
          const scan = scanCsvRecord(win.bytes, at - win.base, win.eof, this.w, this.csv.delimiter, fields);
          if (scan.status === 'more' && win.end - at <= this.tuning.maxRecordBytes && (await win.fill(at)))
            continue;
          const a = this.csv.audit;
          const whole = scan.status === 'ok' && scan.strayQuoteField < 0 && fields.count === columns;
          if (whole && (a < 0 || fields.text(win.bytes, a, this.w).trimStart().startsWith('{'))) return at;
          break;
        }
      }
      return -1;
    } finally {
      win.release();
    }
  }

  /**
   * After a broken row starting at `errStart`, finds the first later line where a record of this
   * header starts; returns its offset (or the end of the input) and a note for the error reason.
   */
  private async resync(win: ByteWindow, errStart: number): Promise<{ at: number; note: string }> {
    let skipped = 0;
    let from = errStart;
    for (;;) {
      const at = await this.nextLineStart(win, from);
      if (at < 0 || win.aborted) {
        return {
          at: win.end,
          note: '; no later line looks like a record, so the rest of the file was skipped',
        };
      }
      if (await this.recordStartsAt(win, at)) {
        return {
          at,
          note:
            skipped === 0
              ? '; reading resumed on the next line'
              : `; the ${skipped} line(s) after it do not look like records and were skipped with it`,
        };
      }
      skipped++;
      from = at;
    }
  }

  /**
   * Offset just after the first line feed at or after `from` (reading on as needed, holding no more
   * than a chunk of a long line), or -1 when the input ends first.
   */
  private async nextLineStart(win: ByteWindow, from: number): Promise<number> {
    const w = this.w;
    for (;;) {
      const hit = from < win.end ? findUnit(win.bytes, LF, from - win.base, w) : -1;
      if (hit >= 0) {
        const at = win.base + hit + w;
        return at < win.end || !win.eof ? at : -1;
      }
      if (win.eof || win.aborted) return -1;
      from = win.end; // no line feed before the window's end: nothing there is needed any more
      await win.fill(from);
    }
  }

  /**
   * True when a record of this header starts at `at`: it scans whole (over several lines if a quoted
   * cell holds line breaks, up to the record size limit), with no stray quote, and has the header's
   * column count (or, for containers with an AuditData column, at least up to a cell opening a JSON
   * object). Reads on as needed, keeping the window from `at`.
   */
  private async recordStartsAt(win: ByteWindow, at: number): Promise<boolean> {
    const w = this.w;
    const columns = this.csv.columns.length;
    const a = this.csv.audit;
    const fields = new CsvFields();
    // Extra columns are tolerated where AuditData decides (a spreadsheet may add some), within reason.
    const maxFields = a >= 0 ? Math.max(2 * columns, columns + 8) : columns;
    for (;;) {
      const base = win.base;
      const buf = win.bytes;
      const scan = scanCsvRecord(buf, at - base, win.eof, w, this.csv.delimiter, fields, maxFields);
      if (scan.status === 'more') {
        if (win.end - at > this.tuning.maxRecordBytes) return false;
        if (!(await win.fill(at)) && win.aborted) return false;
        continue;
      }
      if (scan.status !== 'ok' || scan.strayQuoteField >= 0) return false;
      if (fields.count === columns) return true;
      return a >= 0 && fields.count > a && fields.text(buf, a, w).trimStart().startsWith('{');
    }
  }

  /**
   * True when a scanned row's quoting is consistent: no stray quote and exactly the header's column
   * count. An unbalanced quote that swallowed later lines practically always shows one or the other
   * (the first quote it meets is the opening quote of a later cell, followed by that cell's text).
   */
  private soundQuoting(fields: CsvFields, strayField: number): boolean {
    return strayField < 0 && fields.count === this.csv.columns.length;
  }

  private isHeaderRepeat(buf: Buffer, fields: CsvFields): boolean {
    const columns = this.csv.columns;
    if (fields.count !== columns.length) return false;
    for (let i = 0; i < columns.length; i++) {
      if (fields.text(buf, i, this.w).trim().toLowerCase() !== columns[i].toLowerCase()) return false;
    }
    return true;
  }

  private envelope(buf: Buffer, fields: CsvFields): RowEnvelope | undefined {
    const env: RowEnvelope = {};
    const cell = (i: number) => (i >= 0 && i < fields.count ? fields.text(buf, i, this.w).trim() : '');
    const operation = cell(this.csv.operation);
    const recordId = cell(this.csv.recordId);
    const time = cell(this.csv.time);
    if (operation) env.operation = operation;
    if (recordId) env.recordId = recordId;
    if (time) env.time = time;
    return Object.keys(env).length > 0 ? env : undefined;
  }

  /** Turns the scanned fields of one record into a row (AuditData parsed, or the reason it is not). */
  private buildRow(
    buf: Buffer,
    fields: CsvFields,
    line: number,
    offset: number,
    length: number,
    strayField: number,
    pick?: AuditPicker,
    cell?: AuditCell,
  ): SourceRow {
    const row: SourceRow = { line, offset, length };
    const a = this.csv.audit;
    if (pick && this.w === 1 && strayField < 0 && a >= 0 && fields.count > a) {
      const escaped = (fields.flags[a] & FIELD_ESCAPED) !== 0;
      const start = fields.start[a];
      const end = fields.end[a];
      const canonical =
        cell !== undefined && cell.triedAt === start
          ? (cell.picked ?? (end + 1 < buf.length ? undefined : pick(buf, start, end, escaped, false)))
          : pick(buf, start, end, escaped, false);
      if (canonical) {
        row.canonical = canonical;
        // The envelope only stands in for an operation or record id AuditData lacks (normalisation
        // never reads it over AuditData's own): not decoded for the usual record that has both.
        const id = canonical.Id;
        if (canonical.Operation === undefined || id === undefined || id === '') {
          const env = this.envelope(buf, fields);
          if (env) row.envelope = env;
        }
        return row;
      }
    }
    const env = this.envelope(buf, fields);
    if (env) row.envelope = env;
    const columns = this.csv.columns;
    const expected = columns.length;
    if (strayField >= 0) {
      const name = columns[strayField] ?? `column ${strayField + 1}`;
      row.error = `the ${name} cell has text after its closing quote (a stray or unbalanced quote)`;
      return row;
    }
    if (a < 0) return this.sentinelRow(buf, fields, row);
    const name = columns[a];
    if (fields.count <= a) {
      row.error = `the row has ${fields.count} column(s) but the header has ${expected}: the ${name} column is missing`;
      return row;
    }
    const parsed = parseJsonObject(fields.text(buf, a, this.w), name);
    if ('error' in parsed) {
      row.error =
        fields.count === expected
          ? parsed.error
          : `the row has ${fields.count} column(s) but the header has ${expected}, so the ${name} column is out of place (${parsed.error})`;
      return row;
    }
    row.audit = parsed.value;
    return row;
  }

  private sentinelRow(buf: Buffer, fields: CsvFields, row: SourceRow): SourceRow {
    const columns = this.csv.columns;
    if (fields.count !== columns.length) {
      row.error = `the row has ${fields.count} column(s) but the header has ${columns.length}`;
      return row;
    }
    const cells: Record<string, unknown> = {};
    for (let i = 0; i < columns.length; i++) {
      if (fields.end[i] > fields.start[i]) cells[columns[i]] = fields.text(buf, i, this.w);
    }
    const rebuilt = sentinelToAudit(cells);
    if ('error' in rebuilt) row.error = rebuilt.error;
    else row.audit = rebuilt.audit;
    return row;
  }
}
