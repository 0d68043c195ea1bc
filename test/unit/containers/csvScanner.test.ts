import * as assert from 'node:assert/strict';
import { CsvFields, scanCsvRecord } from '../../../src/core/containers/csvScanner';

/** Scans every record of `text`; returns the fields of each, and the scan statuses. */
function scanAll(text: string, delimiter = ',', utf16 = false): { records: string[][]; statuses: string[] } {
  const w = utf16 ? 2 : 1;
  const buf = Buffer.from(text, utf16 ? 'utf16le' : 'utf8');
  const fields = new CsvFields();
  const records: string[][] = [];
  const statuses: string[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const scan = scanCsvRecord(buf, pos, true, w, delimiter.charCodeAt(0), fields);
    statuses.push(
      scan.status +
        (scan.multiLine ? '+multi' : '') +
        (scan.strayQuoteField >= 0 ? `+stray${scan.strayQuoteField}` : ''),
    );
    const cells: string[] = [];
    for (let i = 0; i < fields.count; i++) cells.push(fields.text(buf, i, w));
    records.push(cells);
    if (scan.status !== 'ok') break;
    pos = scan.next;
  }
  return { records, statuses };
}

describe('scanCsvRecord', () => {
  it('reads RFC 4180 fields: quotes, doubled quotes, delimiters and line breaks inside quotes, CRLF and LF', () => {
    for (const utf16 of [false, true]) {
      const { records, statuses } = scanAll('a,"b,c","say ""hi""",\r\n"x\r\ny",é€😀,""\n', ',', utf16);
      assert.deepEqual(records, [
        ['a', 'b,c', 'say "hi"', ''],
        ['x\r\ny', 'é€😀', ''],
      ]);
      assert.deepEqual(statuses, ['ok', 'ok+multi']);
    }
  });

  it('uses the given delimiter only', () => {
    // A quote inside an unquoted field is plain text (spreadsheets write such cells).
    assert.deepEqual(scanAll('a;b,c\t"d;e"\n', ';').records, [['a', 'b,c\t"d', 'e"']]);
    assert.deepEqual(scanAll('a;b,c\t"d;e"\n', '\t').records, [['a;b,c', 'd;e']]);
  });

  it('ends a record at a lone CR too, and keeps a last record without a line break', () => {
    assert.deepEqual(scanAll('"a"\rb,c').records, [['a'], ['b', 'c']]);
  });

  it('flags text after a closing quote and a quote that is never closed', () => {
    assert.deepEqual(scanAll('a,"b"x,c\n').statuses, ['ok+stray1']);
    assert.deepEqual(scanAll('a,"b"x,c\n').records, [['a', '"b"x', 'c']]);
    assert.deepEqual(scanAll('a,"b\nc\n').statuses, ['unterminated']);
  });

  it('as a probe, gives up at the first stray quote or once a record has too many fields', () => {
    const probe = (text: string, maxFields: number) =>
      scanCsvRecord(Buffer.from(text), 0, true, 1, 0x2c, new CsvFields(), maxFields).status;
    // A quoted cell spanning lines is still a record; text after a closing quote is not.
    assert.equal(probe('a,"b\r\nc",d\n', 3), 'ok');
    assert.equal(probe('a,"b"x,c\n', 3), 'malformed');
    assert.equal(probe('a,b,c,d\n', 3), 'malformed');
    assert.equal(probe('a,b,"c","d"\n', 3), 'malformed');
    // Without the probe limit the same rows scan as before (the stray quote only reported).
    assert.deepEqual(scanAll('a,"b"x,c\n').statuses, ['ok+stray1']);
    assert.deepEqual(scanAll('a,b,c,d\n').statuses, ['ok']);
  });

  it('asks for more input instead of guessing at a buffer end', () => {
    const fields = new CsvFields();
    for (const partial of ['a,b', 'a,"b', 'a,"b"', 'a,"b""', 'a\r']) {
      const scan = scanCsvRecord(Buffer.from(partial), 0, false, 1, 0x2c, fields);
      assert.equal(scan.status, 'more', partial);
    }
  });
});
