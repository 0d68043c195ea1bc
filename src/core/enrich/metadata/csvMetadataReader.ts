import { csvHeaderLine } from '../../containers/csvHeaderLine';
import { CsvFields, scanCsvRecord } from '../../containers/csvScanner';
import type { ByteWindow } from '../../text/byteWindow';
import { findUnit, LF, type UnitWidth } from '../../text/units';
import type { MetadataFormat } from '../enrichTypes';
import type { MetadataCollector, MetadataRow } from './metadataCollector';
import { MetadataFileError, quoted } from './metadataErrors';
import {
  detectCsvFormat,
  EXPECTED_METADATA_COLUMNS,
  headerKey,
  looksLikeAuditExport,
  type ColumnMap,
  type MetadataField,
} from './metadataHeaders';
import { cellText, parseRecipients } from './metadataValues';

interface CsvHeader {
  format: MetadataFormat;
  columns: ColumnMap;
  delimiter: number;
  dataStart: number;
  idHeaderKey: string;
}

/**
 * Finds the header line (after blank lines, a PowerShell `#TYPE` line and Excel's `sep=` hint) and
 * the delimiter (`,`, `;` or tab, as spreadsheets re-save) whose columns make a known format.
 */
async function readHeader(win: ByteWindow, start: number, w: UnitWidth, path: string): Promise<CsvHeader> {
  const { first, header } = await csvHeaderLine(
    win,
    start,
    w,
    () => new MetadataFileError(path, 'the first line is too long to be a CSV header'),
  );
  let names: string[] = [];
  if (header !== undefined)
    for (const { delimiter, names: these } of header.splits) {
      if (these.length > names.length) names = these;
      const found = detectCsvFormat(these);
      if (found) {
        const idHeaderKey = headerKey(these[found.columns.id?.[0] ?? 0]);
        return { ...found, delimiter, dataStart: header.next, idHeaderKey };
      }
    }
  if (looksLikeAuditExport(names)) {
    throw new MetadataFileError(
      path,
      'this is an audit export, not message metadata: open or add it as an export',
    );
  }
  const line = header?.text ?? first;
  if (line === undefined || line.trim() === '') throw new MetadataFileError(path, 'the file is empty');
  throw new MetadataFileError(
    path,
    `not a recognised message metadata file: the first line is "${quoted(line)}"; expected a header with ${EXPECTED_METADATA_COLUMNS}`,
  );
}

function rowFrom(
  buf: Buffer,
  fields: CsvFields,
  w: UnitWidth,
  columns: ColumnMap,
  line: number,
): MetadataRow {
  return metadataRow(columns, line, (i) => (i < fields.count ? fields.text(buf, i, w) : undefined));
}

/**
 * The metadata row of one record whose cell `i` is `cell(i)` (undefined past the record's end), by
 * the header's column map. Shared by the CSV and the Concordance DAT readers.
 */
export function metadataRow(
  columns: ColumnMap,
  line: number,
  cell: (i: number) => string | undefined,
): MetadataRow {
  const text = (i: number): string | undefined => {
    const c = cell(i);
    return c === undefined ? undefined : cellText(c);
  };
  const one = (f: MetadataField): string | undefined => {
    const i = columns[f]?.[0];
    return i === undefined ? undefined : text(i);
  };
  const recipients: string[] = [];
  for (const f of ['recipients', 'recipientStatus'] as const) {
    for (const i of columns[f] ?? []) {
      const c = cell(i);
      if (c !== undefined) recipients.push(...parseRecipients(cellText(c)));
    }
  }
  return {
    line,
    id: one('id') ?? '',
    subject: one('subject'),
    sender: one('sender'),
    recipients,
    sent: one('sent'),
    received: one('received'),
    hasAttachments: one('hasAttachments'),
    size: one('size'),
    location: one('location'),
    folderPath: one('folderPath'),
    documentId: one('documentId'),
  };
}

/**
 * Streams the rows of a metadata CSV into `collector`, holding about one chunk in memory. A row
 * that cannot be scanned (a quote never closed, a row longer than `maxRecordBytes`) is rejected
 * with its line and reading resumes at the next line; a repeated header (concatenated exports) is
 * skipped. Returns the format found.
 */
export async function readCsvMetadata(
  win: ByteWindow,
  start: number,
  w: UnitWidth,
  path: string,
  collector: MetadataCollector,
  maxRecordBytes: number,
): Promise<MetadataFormat> {
  const header = await readHeader(win, start, w, path);
  const fields = new CsvFields();
  let pos = header.dataStart;
  while (!win.aborted) {
    if (pos >= win.end) {
      if (!(await win.fill(pos))) break;
      continue;
    }
    const buf = win.bytes;
    const base = win.base;
    const scan = scanCsvRecord(buf, pos - base, win.eof, w, header.delimiter, fields);
    if (scan.status === 'more' && win.end - pos <= maxRecordBytes) {
      if (!(await win.fill(pos)) && win.aborted) break;
      continue;
    }
    const line = win.lineAt(pos);
    if (scan.status !== 'ok' || (scan.multiLine && scan.strayQuoteField >= 0)) {
      collector.reject(
        line,
        scan.status === 'more'
          ? `the row is longer than ${maxRecordBytes} bytes (an unbalanced quote?)`
          : 'a quoted field is never closed (unbalanced quote)',
      );
      pos = await nextLine(win, pos, w);
      continue;
    }
    pos = base + scan.next;
    if (fields.count === 1 && fields.start[0] === fields.end[0]) continue; // blank line
    const idCol = header.columns.id?.[0] ?? 0;
    if (idCol < fields.count && headerKey(fields.text(buf, idCol, w)) === header.idHeaderKey) continue;
    collector.add(rowFrom(buf, fields, w, header.columns, line));
  }
  return header.format;
}

/** File offset just past the line feed that ends the line holding `pos` (or the end of the input). */
async function nextLine(win: ByteWindow, pos: number, w: UnitWidth): Promise<number> {
  for (;;) {
    const hit = findUnit(win.bytes, LF, Math.max(pos, win.base) - win.base, w);
    if (hit >= 0) return win.base + hit + w;
    const from = win.end;
    if (!(await win.fill(from))) return from;
    pos = from;
  }
}
