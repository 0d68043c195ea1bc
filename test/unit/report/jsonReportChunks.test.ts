import * as assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { jsonReportChunks, writeJsonReport } from '../../../src/core/report/jsonReport';
import type { ScopeReport } from '../../../src/core/report/reportTypes';
import { runScope } from '../../../src/core/scope/runScope';
import { writeReportFixture } from './reportFixture';

describe('report/json chunks', () => {
  let fx: ReturnType<typeof writeReportFixture>;
  let report: ScopeReport;
  before(async () => {
    fx = writeReportFixture();
    report = await runScope({ inputs: [fx.first, fx.second] });
  });
  after(() => rmSync(fx.dir, { recursive: true, force: true }));

  it('concatenate to exactly the text of writeJsonReport', () => {
    assert.ok(report.mailboxes.length > 0 && report.mailboxes[0].messages.length > 0);
    // Two mailboxes at least, so the separators between mailboxes are checked too.
    const twice = {
      ...report,
      mailboxes: [...report.mailboxes, { ...report.mailboxes[0], mailboxKey: 'zz' }],
    };
    const chunks = [...jsonReportChunks(twice)];
    assert.ok(chunks.length > twice.mailboxes.length, 'one chunk per mailbox at least');
    assert.equal(chunks.join(''), writeJsonReport(twice));
  });

  it('match for a report without mailboxes and with an undefined field', () => {
    const empty = { ...report, mailboxes: [], extra: undefined } as unknown as ScopeReport;
    assert.equal([...jsonReportChunks(empty)].join(''), writeJsonReport(empty));
  });
});
