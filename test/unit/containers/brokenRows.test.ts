import * as assert from 'node:assert/strict';
import type { SourceRow } from '../../../src/core/containers/types';
import { fixtureAudits } from '../../support/containerFixtures/records';
import { fixtureBytes, lineOfOffset, openBytes, readRows } from '../../support/containerFixtures/readRows';

const ALL = fixtureAudits();

/** What a row must be: the AuditData it carries, or a pattern its reason matches. */
type Expect = [line: number, audit: Record<string, unknown> | RegExp];

function check(rows: SourceRow[], expected: Expect[]): void {
  assert.deepEqual(
    rows.map((r) => r.line),
    expected.map(([line]) => line),
  );
  rows.forEach((row, i) => {
    const [line, want] = expected[i];
    if (want instanceof RegExp) {
      assert.equal(row.audit, undefined, `line ${line} has no audit`);
      assert.match(row.error ?? '', want, `line ${line}`);
    } else {
      assert.equal(row.error, undefined, `line ${line}: ${row.error}`);
      assert.deepEqual(row.audit, want, `line ${line}`);
    }
  });
}

const CLASSIC = 'CreationDate,UserIds,Operations,AuditData\r\n';
const rec = (id: number) => `{""Id"":""${id}"",""CreationTime"":""2024-01-0${id}T00:00:00""}`;
const good = (id: number) => `2024-01-0${id},u,MailItemsAccessed,"${rec(id)}"\r\n`;
const audit = (id: number) => ({ Id: String(id), CreationTime: `2024-01-0${id}T00:00:00` });

describe('broken rows', () => {
  describe('CSV', () => {
    it('reports each broken row of a hand-edited export with a reason, and reads every valid row', async () => {
      const bytes = fixtureBytes('purview-new-broken.csv');
      const rows = await readRows(await openBytes('broken.csv', bytes));
      check(rows, [
        [2, ALL[0]],
        [
          3,
          /^AuditData is not valid JSON: it ends after 32767 characters \(the cell was probably truncated by a spreadsheet\)$/,
        ],
        [4, ALL[2]],
        [5, /closing quote.*reading resumed on the next line/],
        [6, ALL[4]],
        [7, /^AuditData is not valid JSON: Unexpected token 'o'$/],
        [8, /the row has 4 column\(s\) but the header has 8: the AuditData column is missing/],
        [9, ALL[6]],
        [11, /the AuditData cell has text after its closing quote/],
        [12, ALL[8]],
      ]);
      for (const row of rows) assert.equal(row.line, lineOfOffset(bytes, row.offset, false));
      // Error rows keep the container's columns, so a person can find the record.
      assert.equal(rows[1].envelope?.recordId, ALL[1].Id);
    });

    it('resumes after an unterminated quote at the next line that starts like a record', async () => {
      const text =
        CLASSIC + good(1) + `2024-01-02,u,MailItemsAccessed,"{""Id"":""2""\r\n` + good(3) + good(4);
      check(await readRows(await openBytes('q.csv', text)), [
        [2, audit(1)],
        [3, /has text after its closing quote.*resumed on the next line/],
        [4, audit(3)],
        [5, audit(4)],
      ]);
    });

    it('does not let a quote that is never closed swallow the rest of the file', async () => {
      // Later rows have no quotes at all, so the broken quote runs to the end of the file.
      const text = `${CLASSIC}2024-01-01,u,Op,{}\r\n"2024-01-02,u,Op,{}\r\nnot a record\r\n2024-01-03,u,Op,{}\r\n2024-01-04,u,Op,{}\r\n`;
      const rows = await readRows(await openBytes('open.csv', text, { chunkSize: 5 }));
      check(rows, [
        [2, {}],
        [3, /quoted field is never closed.*1 line\(s\) after it do not look like records/],
        [5, {}],
        [6, {}],
      ]);
      assert.equal(rows[1].length, text.indexOf('2024-01-03') - rows[1].offset);
    });

    it('reports a last row whose quote is never closed', async () => {
      const text = CLASSIC + good(1) + `2024-01-02,u,MailItemsAccessed,"{""Id"":""2""`;
      check(await readRows(await openBytes('end.csv', text)), [
        [2, audit(1)],
        [3, /quoted field is never closed.*rest of the file was skipped/],
      ]);
    });

    it('reports a row longer than the limit without holding it, then reads on', async () => {
      const long = `2024-01-02,u,MailItemsAccessed,"${'x'.repeat(5000)}`;
      const text = CLASSIC + good(1) + long + '\r\n' + good(3);
      const rows = await readRows(await openBytes('long.csv', text, { chunkSize: 64, maxRecordBytes: 1000 }));
      check(rows, [
        [2, audit(1)],
        [3, /longer than 1000 bytes/],
        [4, audit(3)],
      ]);
    });

    it('skips blank lines and a repeated header (concatenated exports), but reports other noise', async () => {
      const text = CLASSIC + good(1) + '\r\n\r\n' + CLASSIC + good(2) + 'garbage\r\n' + good(3);
      check(await readRows(await openBytes('cat.csv', text)), [
        [2, audit(1)],
        [6, audit(2)],
        [7, /the row has 1 column\(s\) but the header has 4: the AuditData column is missing/],
        [8, audit(3)],
      ]);
    });

    it('rejects AuditData that is not an object, and Sentinel rows whose Folders JSON is cut', async () => {
      check(await readRows(await openBytes('arr.csv', `${CLASSIC}d,u,Op,"[1,2]"\r\n${good(1)}`)), [
        [2, /^AuditData is not a JSON object \(it is an array\)$/],
        [3, audit(1)],
      ]);
      const sentinel =
        'TimeGenerated,Operation,OfficeId,MailboxOwnerUPN,Folders\r\n' +
        't,MailItemsAccessed,1,a@b,"[{""Path"":""\\\\Inbox""}]"\r\n' +
        't,MailItemsAccessed,2,a@b,"[{""Path"":""\\\\Inb"\r\n';
      check(await readRows(await openBytes('s.csv', sentinel)), [
        [
          2,
          {
            CreationTime: 't',
            Operation: 'MailItemsAccessed',
            Id: '1',
            MailboxOwnerUPN: 'a@b',
            Folders: [{ Path: '\\Inbox' }],
          },
        ],
        [3, /^Folders is not valid JSON: it ends abruptly/],
      ]);
    });
  });

  describe('JSON', () => {
    it('reports each broken line of JSON Lines and reads the others', async () => {
      check(await readRows(await openBytes('b.jsonl', fixtureBytes('json-lines-broken.jsonl'))), [
        [1, ALL[0]],
        [2, /^line is not valid JSON: it ends abruptly after 700 characters \(cut short\?\)$/],
        [3, ALL[2]],
        [4, /^line is not valid JSON/],
        [6, /^element is not a JSON object \(it is an array\)$/],
        [7, ALL[3]],
        [8, /^element is not an audit record/],
        [9, ALL[4]],
      ]);
    });

    it('resynchronises after a pretty-printed element cut in the middle of a string', async () => {
      const rows = await readRows(await openBytes('b.json', fixtureBytes('powershell-broken.json')));
      assert.equal(rows.length, 5);
      assert.deepEqual(rows[0].audit, ALL[0]);
      assert.deepEqual(rows[1].audit, ALL[1]);
      assert.match(rows[2].error ?? '', /string runs past the end of its line/);
      assert.deepEqual(rows[3].audit, ALL[3]);
      assert.deepEqual(rows[4].audit, ALL[4]);
    });

    it('resynchronises when an element is cut between two lines (no string left open)', async () => {
      const pretty = (a: unknown) => JSON.stringify(a, null, 2).replace(/^/gm, '  ');
      const cut = pretty(ALL[1]).split('\n').slice(0, 8).join('\n').replace(/,$/, '');
      const text = `[\n${pretty(ALL[0])},\n${cut}\n${pretty(ALL[2])}\n]\n`;
      const rows = await readRows(await openBytes('c.json', text));
      assert.equal(rows.length, 3);
      assert.deepEqual(rows[0].audit, ALL[0]);
      assert.match(rows[1].error ?? '', /next element starts before this one is closed/);
      assert.deepEqual(rows[2].audit, ALL[2]);
    });

    it('reports a balanced but invalid element and reads on in a compact array', async () => {
      const text = `[{"CreationTime":"a","Id":"1"},{"CreationTime": tru},{"CreationTime":"b","Id":"2"}]`;
      check(await readRows(await openBytes('c.json', text)), [
        [1, { CreationTime: 'a', Id: '1' }],
        [1, /^element is not valid JSON/],
        [1, { CreationTime: 'b', Id: '2' }],
      ]);
    });

    it('reports a file cut in the middle of an element', async () => {
      const text = `[\n{"CreationTime":"a","Id":"1"},\n{"CreationTime":"b","Id`;
      check(await readRows(await openBytes('t.json', text)), [
        [2, { CreationTime: 'a', Id: '1' }],
        [3, /the file ends inside this element/],
      ]);
    });

    it('reports cmdlet objects whose AuditData string is cut short', async () => {
      const whole = JSON.stringify(ALL[0]);
      const text = JSON.stringify([
        { Operations: 'MailItemsAccessed', Identity: 'x', AuditData: whole.slice(0, 100) },
        { AuditData: whole },
      ]);
      const rows = await readRows(await openBytes('c.json', text));
      assert.match(
        rows[0].error ?? '',
        /^AuditData is not valid JSON: it ends abruptly after 100 characters/,
      );
      assert.deepEqual(rows[0].envelope, { operation: 'MailItemsAccessed', recordId: 'x' });
      assert.deepEqual(rows[1].audit, ALL[0]);
    });

    it('reports an overlong JSON line without holding it, then reads on', async () => {
      const text = `${JSON.stringify(audit(1))}\n{"x":"${'y'.repeat(4000)}"}\n${JSON.stringify(audit(2))}\n`;
      check(await readRows(await openBytes('l.jsonl', text, { chunkSize: 100, maxRecordBytes: 500 })), [
        [1, audit(1)],
        [2, /longer than 500 bytes/],
        [3, audit(2)],
      ]);
    });

    it('never crashes or hangs on damaged copies of every fixture', async function () {
      this.timeout(60000);
      let seed = 99;
      const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
      const names = [
        'purview-new-bom-crlf.csv',
        'ual-ps-columns-utf16-bom.csv',
        'graph-audit-pages.json',
        'powershell-ps51-utf16.json',
        'json-lines-cmdlet-crlf.jsonl',
        'defender-wrapper-array.json',
        'sentinel-officeactivity.csv',
      ];
      for (let k = 0; k < 300; k++) {
        const bytes = Buffer.from(fixtureBytes(names[k % names.length]));
        const damaged =
          k % 3 === 0
            ? bytes.subarray(0, Math.floor(random() * bytes.length))
            : bytes.map((b) =>
                random() < 0.002 ? [0x22, 0x0a, 0x7b, 0x7d, 0x5d, 0x2c, 0x5c][Math.floor(random() * 7)] : b,
              );
        let reader;
        try {
          reader = await openBytes(`d${k}`, Buffer.from(damaged), {
            chunkSize: 1 + Math.floor(random() * 200),
          });
        } catch (error) {
          assert.equal((error as Error).name, 'UnrecognisedExportError');
          continue;
        }
        let seen = 0;
        for await (const row of reader.rows({ onBytes: (c) => (seen += c.length) })) {
          assert.ok(
            (row.audit === undefined) !== (row.error === undefined),
            'exactly one of audit and error',
          );
          assert.ok(row.line >= 1 && row.offset >= 0 && row.length >= 0);
        }
        assert.equal(seen, damaged.length);
      }
    });
  });
});
