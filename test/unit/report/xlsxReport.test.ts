import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { main } from '../../../src/cli/main';
import type { ScopeReport } from '../../../src/core/report/reportTypes';
import { writeXlsxReport } from '../../../src/core/report/xlsxReport';
import { runScope } from '../../../src/core/scope/runScope';
import { enrichedFixtureReport, HOSTILE_SENDER, HOSTILE_SUBJECT, writeReportFixture } from './reportFixture';

const SHEETS = [
  'Summary',
  'Confirmed read',
  'Potentially read',
  'Unknown - unaudited',
  'Sessions',
  'Sources & evidence',
  'Method & limitations',
];

async function load(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  // exceljs types its input as its own Buffer (an ArrayBuffer): hand it exactly the bytes.
  await wb.xlsx.load(
    buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ExcelJS.Buffer,
  );
  return wb;
}

function headers(ws: ExcelJS.Worksheet): string[] {
  const out: string[] = [];
  ws.getRow(1).eachCell((c) => out.push(c.text));
  return out;
}

/** The data rows of a sheet as objects keyed by header. */
function records(ws: ExcelJS.Worksheet): Record<string, ExcelJS.CellValue>[] {
  const h = headers(ws);
  const out: Record<string, ExcelJS.CellValue>[] = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const o: Record<string, ExcelJS.CellValue> = {};
    h.forEach((name, i) => (o[name] = row.getCell(i + 1).value));
    out.push(o);
  });
  return out;
}

describe('report/xlsx', function () {
  this.timeout(30_000);
  let dir: string;
  let report: ScopeReport;
  let wb: ExcelJS.Workbook;
  before(async () => {
    ({ dir, report } = await enrichedFixtureReport());
    wb = await load(await writeXlsxReport(report));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('has one sheet per section, each with a frozen, filtered header row', () => {
    assert.deepEqual(
      wb.worksheets.map((w) => w.name),
      SHEETS,
    );
    for (const ws of wb.worksheets) {
      const view = ws.views[0] as ExcelJS.WorksheetViewFrozen;
      assert.equal(view.state, 'frozen', ws.name);
      assert.equal(view.ySplit, 1, ws.name);
      const last = ws.getColumn(headers(ws).length).letter;
      assert.equal(ws.autoFilter, `A1:${last}1`, ws.name);
      assert.equal(ws.getRow(1).font?.bold, true, ws.name);
      for (let i = 1; i <= headers(ws).length; i++) assert.ok((ws.getColumn(i).width ?? 0) >= 10, ws.name);
    }
  });

  it('Confirmed read: one row per message with metadata, labels and its record', () => {
    const ws = wb.getWorksheet('Confirmed read')!;
    assert.deepEqual(headers(ws).slice(0, 8), [
      'Mailbox',
      'InternetMessageId',
      'Subject',
      'Sender',
      'Recipients',
      'Sent (UTC)',
      'Received (UTC)',
      'Attachments',
    ]);
    const rows = records(ws);
    const messages = report.mailboxes.flatMap((m) => m.messages);
    assert.deepEqual(
      rows.map((r) => r.InternetMessageId),
      messages.map((m) => m.internetMessageId),
    );
    const secret2 = rows.find((r) => r.InternetMessageId === '<secret-2@contoso.com>')!;
    assert.equal(secret2.Subject, 'Merger plan for contoso.com');
    assert.equal(secret2.Sender, HOSTILE_SENDER);
    assert.equal(secret2.Attachments, 'yes');
    // Dates are real dates, in UTC.
    assert.ok(secret2['Sent (UTC)'] instanceof Date);
    assert.equal(secret2['Sent (UTC)'].toISOString(), '2024-04-30T08:00:00.000Z');
    const m2 = messages.find((m) => m.internetMessageId === '<secret-2@contoso.com>')!;
    assert.equal((secret2['First access (UTC)'] as Date).getTime(), Date.parse(m2.firstAccessUtc));
    assert.equal(ws.getColumn(headers(ws).indexOf('Sent (UTC)') + 1).numFmt, 'yyyy-mm-dd hh:mm:ss');
    assert.equal(secret2.Line, m2.firstRecord.line);
    assert.equal(secret2.Source, m2.firstRecord.source);
    assert.match(secret2.IPs as string, /2001:db8::66 \(AS64500 /);
    // Long text wraps.
    assert.equal(ws.getColumn(headers(ws).indexOf('Subject') + 1).alignment?.wrapText, true);
  });

  it('a hostile subject or sender stays text, never a formula', () => {
    const ws = wb.getWorksheet('Confirmed read')!;
    const subjectCol = headers(ws).indexOf('Subject') + 1;
    const cell = ws.getRow(2).getCell(subjectCol);
    // XML stores a line break as LF: the CR of CRLF does not survive any XLSX writer's round trip.
    assert.equal(cell.value, HOSTILE_SUBJECT.replace(/\r\n/g, '\n'));
    assert.equal(cell.type, ExcelJS.ValueType.String);
    for (const sheet of wb.worksheets) {
      sheet.eachRow((row) =>
        row.eachCell((c) => {
          assert.notEqual(c.type, ExcelJS.ValueType.Formula, `${sheet.name}!${c.address}`);
        }),
      );
    }
  });

  it('Potentially read, Unknown and Sessions hold the classification and the contexts', () => {
    const pr = records(wb.getWorksheet('Potentially read')!);
    assert.deepEqual(
      pr.map((r) => [
        r['Folder (all items assumed read)'],
        r['Known messages'],
        r['Of which confirmed read'],
      ]),
      report.classification.potentiallyRead.items.map((f) => [
        f.folder,
        f.knownMessages,
        f.knownMessagesConfirmed,
      ]),
    );
    const un = records(wb.getWorksheet('Unknown - unaudited')!);
    assert.deepEqual(
      un.map((r) => [r['What (assume any item read)'], (r['Start (UTC)'] as Date).toISOString()]),
      [
        ['throttled: Bind access not audited', '2024-05-01T12:00:00.000Z'],
        ['no source covers this period', '2024-05-01T12:00:00.000Z'],
      ],
    );
    const se = records(wb.getWorksheet('Sessions')!);
    assert.equal(se.length, report.mailboxes[0].contexts.length);
    assert.ok(se.some((r) => r.IP === '192.0.2.10' && r['IP label'] === 'private address'));
  });

  it('Sources & evidence lists exports and metadata with SHA-256, rejected rows and unmatched ids', () => {
    const rows = records(wb.getWorksheet('Sources & evidence')!);
    const kinds = rows.map((r) => r.Kind);
    assert.equal(kinds.filter((k) => k === 'audit export').length, report.sources.length);
    for (const s of report.sources)
      assert.ok(rows.some((r) => r.Path === s.path && r['SHA-256'] === s.sha256));
    assert.ok(rows.some((r) => r.Kind === 'metadata' && r['SHA-256'] === 'a'.repeat(64) && r.Rejected === 1));
    assert.ok(
      rows.some(
        (r) => r.Kind === 'rejected row' && r.Line === 4 && /not valid JSON/.test(r.Detail as string),
      ),
    );
    assert.ok(
      rows.some((r) => r.Kind === 'rejected row' && r.Line === 5 && r.Detail === 'unterminated quote'),
    );
    assert.ok(
      rows.some((r) => r.Kind === 'accessed id without metadata' && r.Detail === '<other@contoso.com>'),
    );
  });

  it('Method & limitations and Summary state the method, the limits and the counts', () => {
    const rows = records(wb.getWorksheet('Method & limitations')!);
    assert.equal(rows.filter((r) => r.Kind === 'method').length, report.method.length);
    assert.deepEqual(
      rows.filter((r) => r.Kind === 'limitation').map((r) => r.Topic),
      report.limitations.map((l) => l.id),
    );
    const summary = new Map(records(wb.getWorksheet('Summary')!).map((r) => [r.Item, r.Value]));
    assert.equal(summary.get('Confirmed read (Bind): messages'), 3);
    assert.equal(summary.get('Potentially read (Sync of a whole folder): folders'), 2);
    assert.equal(summary.get('Unknown (unaudited or not covered): periods'), 2);
    assert.equal(summary.get('Accessed ids without metadata'), 1);
  });

  it('mia scope --format xlsx needs --out, and writes a workbook that reads back', async () => {
    const fx = writeReportFixture();
    try {
      const err: string[] = [];
      const io = {
        stdout: { write: () => true },
        stderr: { write: (t: string) => err.push(t) },
        now: new Date(0),
      };
      assert.equal(await main(['scope', '--format', 'xlsx', '--quiet', fx.first], io), 2);
      assert.match(err.join(''), /--format xlsx writes an Excel workbook: name the file with --out FILE/);
      const out = path.join(fx.dir, 'scope.xlsx');
      assert.equal(
        await main(['scope', '--format', 'xlsx', '--quiet', '--out', out, fx.first, fx.second], io),
        0,
      );
      assert.ok(existsSync(out));
      const book = await load(readFileSync(out));
      assert.deepEqual(
        book.worksheets.map((w) => w.name),
        SHEETS,
      );
      const expected = await runScope({ inputs: [fx.first, fx.second] });
      assert.equal(records(book.getWorksheet('Confirmed read')!).length, expected.totals.messages);
      // Never over an input.
      assert.equal(await main(['scope', '--format', 'xlsx', '--quiet', '--out', fx.first, fx.first], io), 2);
    } finally {
      rmSync(fx.dir, { recursive: true, force: true });
    }
  });

  it('leaves out the rows past the sheet limit and says so at the end of the Summary', async () => {
    const messages = wb.getWorksheet('Confirmed read')!.rowCount - 1;
    assert.ok(messages >= 3, `${messages} messages`);
    // Three rows a sheet: the header and two data rows.
    const cut = await load(await writeXlsxReport(report, 3));
    const confirmed = cut.getWorksheet('Confirmed read')!;
    assert.equal(confirmed.rowCount, 3);
    assert.deepEqual(
      records(confirmed).map((r) => r.InternetMessageId),
      records(wb.getWorksheet('Confirmed read')!)
        .slice(0, 2)
        .map((r) => r.InternetMessageId),
    );
    const summary = records(cut.getWorksheet('Summary')!);
    const notes = summary.filter((r) => r.Item === 'Note').map((r) => r.Value as string);
    assert.ok(
      notes.includes(
        `Confirmed read: ${messages - 2} row(s) past Excel's limit were left out (the JSON report has them all).`,
      ),
      notes.join(' | '),
    );
    // The notes come after the rows the Summary keeps (two here: it is cut too, and says so).
    assert.deepEqual(
      summary.slice(0, 2).map((r) => r.Item),
      ['Report', 'Generated'],
    );
    assert.ok(summary.slice(2).every((r) => r.Item === 'Note'));
    assert.ok(notes.some((n) => n.startsWith('Summary: ')));
  });

  it('is the same workbook content for the same report', async () => {
    const again = await load(await writeXlsxReport(report));
    for (const name of SHEETS) {
      assert.deepEqual(records(again.getWorksheet(name)!), records(wb.getWorksheet(name)!), name);
    }
  });
});
