import type { MetadataFormat } from '../enrichTypes';
import { metadataRow } from './csvMetadataReader';
import type { MetadataCollector } from './metadataCollector';
import { MetadataFileError, quoted } from './metadataErrors';
import { detectCsvFormat, EXPECTED_METADATA_COLUMNS, headerKey } from './metadataHeaders';

/** Concordance field delimiter: DC4 (U+0014, shown as `¶` by some tools). */
export const DAT_DELIMITER = '\u0014';
/** Concordance text qualifier: `þ` (U+00FE); a `þ` inside a value is written twice. */
export const DAT_QUALIFIER = '\u00fe';

interface DatRecord {
  cells: string[];
  line: number;
  /** Set when the record cannot be read (a qualifier never closed). */
  problem?: string;
}

const UNCLOSED = 'a þ-qualified value is not closed before the next field or the end (unbalanced þ)';
// eslint-disable-next-line no-control-regex -- DC4 is the Concordance field delimiter.
const FIELD_END = /[\u0014\r\n]/g;

/** Index of the next delimiter or line break at or after `from` (the text's length if none). */
function fieldEnd(text: string, from: number): number {
  FIELD_END.lastIndex = from;
  return FIELD_END.exec(text)?.index ?? text.length;
}

function newlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let k = text.indexOf('\n', from); k >= 0 && k < to; k = text.indexOf('\n', k + 1)) n++;
  return n;
}

/** Splits Concordance text into records: `þ…þ` values may hold delimiters and line breaks. */
function* datRecords(text: string): Generator<DatRecord> {
  let i = 0;
  let line = 1;
  while (i < text.length) {
    const cells: string[] = [];
    const start = line;
    const recordPos = i;
    let unclosed = false;
    for (;;) {
      let value = '';
      if (text[i] === DAT_QUALIFIER) {
        const opened = i;
        i++;
        let closed = false;
        while (i < text.length) {
          const q = text.indexOf(DAT_QUALIFIER, i);
          const chunk = q < 0 ? text.slice(i) : text.slice(i, q);
          for (let k = chunk.indexOf('\n'); k >= 0; k = chunk.indexOf('\n', k + 1)) line++;
          value += chunk;
          if (q < 0) {
            i = text.length;
            break;
          }
          if (text[q + 1] === DAT_QUALIFIER) {
            value += DAT_QUALIFIER;
            i = q + 2;
            continue;
          }
          i = q + 1;
          closed = true;
          break;
        }
        // A closing þ is followed by a delimiter or a line break; anything else means this þ
        // opened the next value (the previous one was never closed).
        const after = text[i];
        if (closed && after !== undefined && after !== DAT_DELIMITER && after !== '\r' && after !== '\n')
          closed = false;
        if (!closed) {
          // Reject the record and resume on the line after the one that opened the value.
          const nl = text.indexOf('\n', opened);
          i = nl < 0 ? text.length : nl + 1;
          line = start + newlines(text, recordPos, i);
          unclosed = true;
          break;
        }
      }
      // Unqualified text.
      const end = fieldEnd(text, i);
      value += text.slice(i, end);
      i = end;
      cells.push(value);
      if (text[i] === DAT_DELIMITER) {
        i++;
        continue;
      }
      break;
    }
    if (unclosed) {
      yield { cells, line: start, problem: UNCLOSED };
      continue;
    }
    if (text[i] === '\r') i++;
    if (text[i] === '\n') i++;
    line++;
    yield { cells, line: start };
  }
}

/**
 * Reads an eDiscovery (Premium) load file in Concordance DAT form (fields separated by DC4, values
 * qualified by `þ`, a header row with the same `Email_*` columns as the load-file CSV) from its
 * decoded text into `collector`. A record that cannot be read is rejected with its line; blank
 * records are skipped. Throws MetadataFileError when the header is not a known metadata header.
 */
export function readDatMetadata(text: string, path: string, collector: MetadataCollector): MetadataFormat {
  const records = datRecords(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  let header: ReturnType<typeof detectCsvFormat>;
  let idKey = '';
  for (const r of records) {
    if (!header) {
      if (r.cells.length === 1 && r.cells[0].trim() === '') continue;
      header = detectCsvFormat(r.cells.map((c) => c.trim()));
      if (!header) {
        throw new MetadataFileError(
          path,
          `a Concordance DAT file, but its header "${quoted(r.cells.join(' | '))}" is not message metadata; expected ${EXPECTED_METADATA_COLUMNS}`,
        );
      }
      idKey = headerKey(r.cells[header.columns.id?.[0] ?? 0] ?? '');
      continue;
    }
    if (r.problem) {
      collector.reject(r.line, r.problem);
      continue;
    }
    if (r.cells.length === 1 && r.cells[0].trim() === '') continue;
    const cols = header.columns;
    const idCol = cols.id?.[0] ?? 0;
    if (headerKey(r.cells[idCol] ?? '') === idKey) continue; // a repeated header
    collector.add(metadataRow(cols, r.line, (i) => r.cells[i]));
  }
  if (!header) throw new MetadataFileError(path, 'the file holds no data');
  return header.format;
}
