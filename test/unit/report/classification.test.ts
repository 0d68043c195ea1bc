import * as assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import Papa from 'papaparse';
import { writeCsvReport } from '../../../src/core/report/csvReport';
import { runScope } from '../../../src/core/scope/runScope';
import { jsonLines } from '../investigation/fakeReader';
import { miaAudit } from '../normalise/auditBuilders';
import { writeReportFixture } from './reportFixture';

describe('report/classification', () => {
  let fx: ReturnType<typeof writeReportFixture>;
  let inputs: string[];
  before(() => {
    fx = writeReportFixture();
    const late = path.join(fx.dir, 'export-late.jsonl');
    writeFileSync(
      late,
      jsonLines([
        miaAudit({
          id: 'rec-late',
          time: '2024-06-01T09:00:00',
          folders: [{ path: '\\Inbox', ids: ['<late@contoso.com>'] }],
        }),
      ]),
    );
    inputs = [fx.first, fx.second, late];
  });
  after(() => rmSync(fx.dir, { recursive: true, force: true }));

  it('a mailbox named without records is unknown (no records), and says so in the CSV', async () => {
    const r = await runScope({ inputs, mailboxes: ['victim@contoso.com', 'Nobody@Contoso.com'] });
    const nobody = r.classification.unknown.items.filter((u) => u.mailbox === 'Nobody@Contoso.com');
    // The coverage gap is unknown for every mailbox; "no records" comes first (it has no time).
    assert.deepEqual(
      nobody.map((u) => [u.kind, u.startUtc, u.endUtc]),
      [
        ['no-records', null, null],
        ['not-covered', '2024-05-01T12:00:00Z', '2024-06-01T09:00:00Z'],
      ],
    );
    const rows = Papa.parse<Record<string, string>>(writeCsvReport(r), {
      header: true,
      skipEmptyLines: true,
    }).data;
    assert.ok(rows.some((row) => row.kind === 'noRecords' && row.mailbox === 'Nobody@Contoso.com'));
    assert.equal(r.classification.unknown.periods, r.classification.unknown.items.length);
  });

  it('only gaps that meet the time window are unknown', async () => {
    const inside = await runScope({ inputs, from: '2024-05-20T00:00:00Z' });
    assert.deepEqual(
      inside.classification.unknown.items.filter((u) => u.kind === 'not-covered').map((u) => u.mailbox),
      ['victim@contoso.com'],
    );
    const after = await runScope({ inputs, from: '2024-06-01T09:00:00Z' });
    assert.deepEqual(
      after.classification.unknown.items.filter((u) => u.kind === 'not-covered'),
      [],
    );
    const coverage = await runScope({ inputs, from: '2024-06-01T09:00:00Z' });
    assert.ok(
      coverage.limitations.some((l) => l.id === 'coverage-gaps'),
      'the gap is still a stated limitation',
    );
  });

  it('confirmed read counts messages per mailbox with their first and last access', async () => {
    const r = await runScope({ inputs });
    const m = r.mailboxes[0];
    assert.deepEqual(r.classification.confirmedRead.mailboxes, [
      {
        mailbox: m.mailbox,
        messages: m.messages.length,
        firstUtc: '2024-05-01T08:00:00Z',
        lastUtc: '2024-06-01T09:00:00Z',
      },
    ]);
  });
});
