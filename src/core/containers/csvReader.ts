import type { ByteSource } from '../byteSource';
import { ByteWindow, countLinesBetween, drainWindow, readExactly } from '../text/byteWindow';
import type { TextLayout } from '../text/encoding';
import { LineCheckpoints } from '../text/lineCheckpoints';
import { findUnit, LF, type UnitWidth } from '../text/units';
import { parseJsonObject } from './auditJson';
import type { CsvLayout } from './csvLayout';
import { CsvFields, FIELD_QUOTED, scanCsvRecord } from './csvScanner';
import type { ReaderTuning } from './readerTuning';
import { sentinelToAudit } from './sentinel';
import type { ContainerReader, ReadOptions, RowEnvelope, SourceRow } from './types';

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
 * A row that cannot be read becomes an error row. When its quotes made it run over several lines,
 * the lines after its first are checked one by one and reading resumes at the first line that by
 * itself parses as a record, so an unbalanced quote never silently swallows the rows after it.
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
    });
    const fields = new CsvFields();
    let pos = this.csv.dataStart;
    while (!win.aborted) {
      if (pos >= win.end) {
        if (!(await win.fill(pos))) break;
        continue;
      }
      const base = win.base;
      const buf = win.bytes;
      const scan = scanCsvRecord(buf, pos - base, win.eof, w, this.csv.delimiter, fields);
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
        const row = this.buildRow(buf, fields, line, pos, base + scan.end - pos, scan.strayQuoteField);
        if (row.error && this.isHeaderRepeat(buf, fields)) {
          pos = next; // the header again, as when exports are concatenated: not a record
          continue;
        }
        if (!row.error || !scan.multiLine) {
          this.checkpoints.note(pos, line);
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
      this.checkpoints.note(errStart, line);
      yield { line, offset: errStart, length: resume.at - errStart, error: reason + resume.note };
      pos = resume.at;
    }
    await drainWindow(win);
  }

  /**
   * After a broken row starting at `errStart`, finds the first later line that parses as a record
   * on its own; returns its offset (or the end of the input) and a note for the error reason.
   */
  private async resync(win: ByteWindow, errStart: number): Promise<{ at: number; note: string }> {
    const w = this.w;
    let q = errStart;
    let candidate = -1;
    let skipped = 0;
    const found = (at: number) => ({
      at,
      note:
        skipped === 0
          ? '; reading resumed on the next line'
          : `; the ${skipped} line(s) after it do not look like records and were skipped with it`,
    });
    for (;;) {
      const base = win.base;
      const buf = win.bytes;
      const hit = q < win.end ? findUnit(buf, LF, q - base, w) : -1;
      if (hit < 0) {
        if (win.eof || win.aborted) {
          if (
            candidate >= 0 &&
            candidate < win.end &&
            this.looksLikeRecord(buf, candidate - base, buf.length)
          ) {
            return found(candidate);
          }
          return {
            at: win.end,
            note: '; no later line looks like a record, so the rest of the file was skipped',
          };
        }
        const keep =
          candidate >= 0 && win.end - candidate <= this.tuning.maxRecordBytes ? candidate : win.end;
        if (keep === win.end && candidate >= 0) {
          candidate = -1; // far too long for a record: skip to its end
          skipped++;
        }
        q = win.end;
        await win.fill(keep);
        continue;
      }
      if (candidate >= 0) {
        if (this.looksLikeRecord(buf, candidate - base, hit)) return found(candidate);
        skipped++;
      }
      candidate = q = base + hit + w;
    }
  }

  /** True when the bytes from `start` to `end` (one line) parse alone as a record of this header. */
  private looksLikeRecord(buf: Buffer, start: number, end: number): boolean {
    const fields = new CsvFields();
    const line = buf.subarray(0, end);
    const scan = scanCsvRecord(line, start, true, this.w, this.csv.delimiter, fields);
    if (scan.status !== 'ok' || scan.strayQuoteField >= 0 || scan.next < end - this.w) return false;
    if (fields.count === this.csv.columns.length) return true;
    const a = this.csv.audit;
    return a >= 0 && fields.count > a && fields.text(line, a, this.w).trimStart().startsWith('{');
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
  ): SourceRow {
    const env = this.envelope(buf, fields);
    const row: SourceRow = { line, offset, length };
    if (env) row.envelope = env;
    const columns = this.csv.columns;
    const expected = columns.length;
    if (strayField >= 0) {
      const name = columns[strayField] ?? `column ${strayField + 1}`;
      row.error = `the ${name} cell has text after its closing quote (a stray or unbalanced quote)`;
      return row;
    }
    const a = this.csv.audit;
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
