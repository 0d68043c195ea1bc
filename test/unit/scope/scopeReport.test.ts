import * as assert from 'node:assert/strict';
import { buildScopeReport } from '../../../src/core/report/buildReport';
import { formatUtc } from '../../../src/core/normalise/time';
import type { SourceStats } from '../../../src/core/investigation/types';
import { burst, H, rec, T0 } from '../analysis/records';
import { zeroCounts } from '../../../src/core/investigation/sourceAccount';

const src: SourceStats = {
  path: '/evidence/export.csv',
  sha256: 'a'.repeat(64),
  container: 'purview-csv-new',
  sizeBytes: 10,
  ...zeroCounts(),
  firstMs: T0,
  lastMs: T0 + 72 * H,
};

describe('scope: throttle windows are computed on the whole mailbox', () => {
  // The owner's desktop client produces 1,001 records in a day; the attacker reads two messages.
  const ownerFlood = burst(1001, T0, 20 * H, {
    session: 'owner',
    ip: '192.0.2.10',
    access: 'Sync',
    folders: [{ path: '\\Inbox' }],
  });
  const attackerReads = [
    rec({
      timeMs: T0 + 21 * H,
      session: 'evil',
      ip: '203.0.113.66',
      folders: [{ path: '\\Inbox', ids: ['<m1@x>'] }],
    }),
    rec({
      timeMs: T0 + 60 * H,
      session: 'evil',
      ip: '203.0.113.66',
      folders: [{ path: '\\Inbox', ids: ['<m2@x>'] }],
    }),
  ];
  const investigation = { sources: [src], records: [...ownerFlood, ...attackerReads] };
  const windowStart = ownerFlood[1000].timeMs;
  // The attacker's first read is the 1,002nd record within 24 h: it opens a window too, merged.
  const windowEnd = T0 + 21 * H + 24 * H;

  it("a session filter keeps only the attacker's records but still reports the volume window", () => {
    const report = buildScopeReport(investigation, { sessions: ['evil'] });
    const m = report.mailboxes[0];
    assert.equal(m.records, 2);
    assert.deepEqual(
      m.messages.map((x) => x.internetMessageId),
      ['<m1@x>', '<m2@x>'],
    );
    assert.equal(m.syncedFolders.length, 0, "the owner's syncs are out of scope");
    assert.deepEqual(
      m.throttledWindows.map((w) => [w.startUtc, w.endUtc, w.basis]),
      [[formatUtc(windowStart), formatUtc(windowEnd), ['volume']]],
    );
  });

  it('a window is reported only when it meets the time window', () => {
    const inside = buildScopeReport(investigation, {
      from: formatUtc(windowStart + 23 * H),
      to: formatUtc(T0 + 70 * H),
    });
    assert.equal(inside.mailboxes[0].throttledWindows.length, 1);
    const after = buildScopeReport(investigation, { from: formatUtc(windowEnd) });
    assert.equal(
      after.mailboxes[0].throttledWindows.length,
      0,
      'the window ends (exclusively) where the scope starts',
    );
    assert.equal(after.mailboxes[0].records, 1);
  });

  it('a time window that holds no record of a throttled mailbox still shows the mailbox and its window', () => {
    const report = buildScopeReport(investigation, {
      from: formatUtc(T0 + 22 * H),
      to: formatUtc(T0 + 23 * H),
    });
    assert.equal(report.mailboxes.length, 1);
    assert.equal(report.mailboxes[0].records, 0);
    assert.equal(report.mailboxes[0].throttledWindows.length, 1);
  });

  it('the throttle threshold and hours are configurable', () => {
    const report = buildScopeReport(investigation, { throttleThreshold: 1002 });
    assert.equal(report.mailboxes[0].throttledWindows.length, 0);
    assert.deepEqual(report.throttle, { threshold: 1002, hours: 24 });
    const short = buildScopeReport(investigation, { throttleHours: 6, throttleThreshold: 100 });
    // 1,001 records over 20 h: the 101st within 6 h opens the first window; windows run 6 h.
    const w = short.mailboxes[0].throttledWindows[0];
    assert.equal(w.startUtc, formatUtc(ownerFlood[100].timeMs));
    assert.equal(w.openings.volume > 0, true);
    const last = short.mailboxes[0].throttledWindows.at(-1)!;
    assert.equal(
      last.endUtc,
      formatUtc(T0 + 21 * H + 6 * H),
      'the last opening (the attacker read at 21 h) plus 6 h',
    );
  });

  it('a mailbox named in the filter but absent from the data is listed, saying so', () => {
    const report = buildScopeReport(investigation, {
      mailboxes: ['victim@contoso.com', 'Nobody@contoso.com'],
    });
    assert.deepEqual(
      report.mailboxes.map((m) => [m.mailbox, m.inInvestigation, m.records]),
      [
        ['Nobody@contoso.com', false, 0],
        ['victim@contoso.com', true, 1003],
      ],
    );
  });

  it('totals count the records within the filters', () => {
    const report = buildScopeReport(investigation, { ips: ['203.0.113.66'] });
    assert.equal(report.totals.records, 2);
    assert.equal(report.totals.bind, 2);
    assert.equal(report.totals.sync, 0);
    assert.equal(report.totals.recordsLoaded, 1003);
  });
});
