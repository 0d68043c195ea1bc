import type { ByteWindow } from '../text/byteWindow';
import {
  bufferEncoding,
  COMMA,
  CR,
  findUnit,
  LF,
  SEMICOLON,
  TAB,
  unitAt,
  type UnitWidth,
} from '../text/units';
import { CsvFields, scanCsvRecord } from './csvScanner';

/** A header line longer than this is not one (the search stops there). */
const HEADER_MAX_BYTES = 1 << 20;
/** Lines looked at for the header (blank lines, a type line and a delimiter hint may come first). */
const HEADER_MAX_LINES = 8;

/** A line that may be a CSV file's header, and the column names it splits into. */
export interface HeaderLine {
  /** The line's text, without its line break. */
  text: string;
  /** Where the line after it starts: the data, if this is the header. */
  next: number;
  /**
   * The line's column names by each delimiter that reads it as one CSV record, in order of
   * preference: `,`, `;`, tab (as spreadsheets re-save), or only the one Excel's `sep=` line names.
   */
  splits: { delimiter: number; names: string[] }[];
}

/**
 * Finds the line of a CSV file, from `start`, that may be its header: the first one that is not
 * blank, a PowerShell `#TYPE` line or Excel's `sep=` hint. `first` is the text of the first line
 * read, whatever it was; `header` is undefined when no such line comes within the first lines.
 * Throws `tooLong()` for a line longer than a header can be. Shared by the audit exports' detection
 * and the metadata reader, so both find a header alike.
 */
export async function csvHeaderLine(
  win: ByteWindow,
  start: number,
  w: UnitWidth,
  tooLong: () => Error,
): Promise<{ first?: string; header?: HeaderLine }> {
  const enc = bufferEncoding(w);
  let pos = start;
  let forced: number | undefined;
  let first: string | undefined;
  for (let n = 0; n < HEADER_MAX_LINES; n++) {
    let hit = findUnit(win.bytes, LF, pos - win.base, w);
    while (hit < 0 && !win.eof && win.end - pos < HEADER_MAX_BYTES) {
      // A fill that reads nothing more (an aborted window) ends the search: a loop on it would not.
      if (!(await win.fill(pos))) break;
      hit = findUnit(win.bytes, LF, pos - win.base, w);
    }
    if (hit < 0 && !win.eof) throw tooLong();
    const lineEnd = hit < 0 ? win.end : win.base + hit;
    let line = win.bytes.subarray(pos - win.base, lineEnd - win.base);
    if (line.length >= w && unitAt(line, line.length - w, w) === CR) line = line.subarray(0, line.length - w);
    const text = line.toString(enc);
    first ??= text;
    const next = hit < 0 ? win.end : lineEnd + w;
    const sep = /^\s*"?sep=(.)"?\s*$/i.exec(text);
    if (text.trim() === '' || /^\s*#TYPE\b/i.test(text) || sep) {
      if (sep) forced = sep[1].charCodeAt(0);
      if (hit < 0) break; // the file ends here
      pos = next;
      continue;
    }
    const splits: HeaderLine['splits'] = [];
    for (const delimiter of forced !== undefined ? [forced] : [COMMA, SEMICOLON, TAB]) {
      const fields = new CsvFields();
      if (scanCsvRecord(line, 0, true, w, delimiter, fields).status !== 'ok') continue;
      const names: string[] = [];
      for (let i = 0; i < fields.count; i++) names.push(fields.text(line, i, w).replace(/^\uFEFF/, ''));
      splits.push({ delimiter, names });
    }
    return { first, header: { text, next, splits } };
  }
  return { first };
}
