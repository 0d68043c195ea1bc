import * as assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import Papa from 'papaparse';
import { CSV_COLUMNS, writeCsvReport } from '../../../src/core/report/csvReport';
import { csvField } from '../../../src/core/report/escape';
import type { ScopeReport } from '../../../src/core/report/reportTypes';
import { runScope } from '../../../src/core/scope/runScope';
import { HOSTILE_CLIENT, HOSTILE_FOLDER, HOSTILE_SUBJECT, writeReportFixture } from './reportFixture';

describe('report/csv', () => {
  let fx: ReturnType<typeof writeReportFixture>;
  let report: ScopeReport;
  let rows: Record<string, string>[];
  let text: string;
  before(async () => {
    fx = writeReportFixture();
    report = await runScope({ inputs: [fx.first, fx.second] });
    text = writeCsvReport(report);
    const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
    assert.deepEqual(parsed.errors, []);
    rows = parsed.data;
  });
  after(() => rmSync(fx.dir, { recursive: true, force: true }));

  it('parses back with papaparse: the header and one row per message and context', () => {
    assert.deepEqual(Object.keys(rows[0]), [...CSV_COLUMNS]);
    const messages = rows.filter((r) => r.kind === 'message');
    const expected = report.mailboxes[0].messages.reduce((n, m) => n + m.contexts.length, 0);
    assert.equal(messages.length, expected);
    assert.deepEqual(
      messages.map((r) => [r.internetMessageId, r.sessionId, r.ip, r.count]),
      [
        ['<secret-1@contoso.com>', 'owner-session', '192.0.2.10', '1'],
        ['<secret-1@contoso.com>', 'evil-session', '2001:db8::66', '1'],
        ['<secret-2@contoso.com>', 'evil-session', '2001:db8::66', '1'],
        ['<other@contoso.com>', 'owner-session', '203.0.113.7', '1'],
      ],
    );
    assert.deepEqual(
      rows.filter((r) => r.kind === 'syncedFolder').map((r) => r.folder),
      ['\\Sent Items', 'Inbox'],
    );
    const w = rows.find((r) => r.kind === 'throttledWindow')!;
    assert.deepEqual(
      [w.firstUtc, w.lastUtc, w.basis, w.recordId, w.line],
      ['2024-05-01T12:00:00Z', '2024-05-02T12:00:00Z', 'flag', 'rec-flag', '4'],
    );
  });

  it('keeps quotes, commas and line breaks intact (RFC 4180) and defuses formulas', () => {
    const hostile = rows.find((r) => r.subject !== '')!;
    assert.equal(hostile.subject, `'${HOSTILE_SUBJECT}`);
    assert.equal(rows.find((r) => r.client === HOSTILE_CLIENT)?.client, HOSTILE_CLIENT);
    assert.ok(rows.some((r) => r.folder.includes(HOSTILE_FOLDER)));
    assert.ok(text.endsWith('\r\n'));
  });

  it('csvField: formula prefixes, quoting, numbers and empties', () => {
    assert.equal(csvField('=1+1'), "'=1+1");
    assert.equal(csvField('+1'), "'+1");
    assert.equal(csvField('-1'), "'-1");
    assert.equal(csvField('@SUM(A1)'), "'@SUM(A1)");
    assert.equal(csvField('\tx'), "'\tx");
    assert.equal(csvField('a,b'), '"a,b"');
    assert.equal(csvField('say "hi"'), '"say ""hi"""');
    assert.equal(csvField(-5), '-5');
    assert.equal(csvField(null), '');
    assert.equal(csvField('plain'), 'plain');
  });

  it('an empty investigation gives just the header', async () => {
    const r = await runScope({ inputs: [] });
    assert.equal(writeCsvReport(r), `${CSV_COLUMNS.join(',')}\r\n`);
  });
});
