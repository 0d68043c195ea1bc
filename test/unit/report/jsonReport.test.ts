import * as assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { writeJsonReport } from '../../../src/core/report/jsonReport';
import type { ScopeReport } from '../../../src/core/report/reportTypes';
import { runScope } from '../../../src/core/scope/runScope';
import { writeReportFixture } from './reportFixture';

function assertHas(o: object, names: string[], where: string): void {
  for (const n of names) assert.ok(Object.prototype.hasOwnProperty.call(o, n), `${where} lacks "${n}"`);
}

describe('report/json', () => {
  let fx: ReturnType<typeof writeReportFixture>;
  let report: ScopeReport;
  before(async () => {
    fx = writeReportFixture();
    report = await runScope({ inputs: [fx.first, fx.second] });
  });
  after(() => rmSync(fx.dir, { recursive: true, force: true }));

  it("has exactly the contract's field names (schemaVersion 1)", () => {
    assert.equal(report.schemaVersion, 1);
    assertHas(
      report,
      ['schemaVersion', 'generatedUtc', 'filters', 'sources', 'totals', 'mailboxes', 'coverage'],
      'report',
    );
    assertHas(
      report.sources[0],
      ['path', 'sha256', 'container', 'rows', 'records', 'duplicates', 'otherOperations', 'rejected'],
      'source',
    );
    assertHas(report.sources[0].rejected[0], ['line', 'reason'], 'rejected row');
    assertHas(
      report.totals,
      ['records', 'duplicates', 'rejected', 'otherOperations', 'bind', 'sync'],
      'totals',
    );
    const m = report.mailboxes[0];
    assertHas(
      m,
      [
        'mailbox',
        'records',
        'bind',
        'sync',
        'firstUtc',
        'lastUtc',
        'messages',
        'syncedFolders',
        'throttledWindows',
        'sessions',
      ],
      'mailbox',
    );
    assertHas(
      m.messages[0],
      [
        'internetMessageId',
        'folders',
        'firstAccessUtc',
        'lastAccessUtc',
        'accessCount',
        'sizeInBytes',
        'subject',
        'sessions',
        'ips',
        'firstRecord',
      ],
      'message',
    );
    assertHas(m.messages[0].firstRecord, ['source', 'line', 'recordId'], 'firstRecord');
    assertHas(
      m.syncedFolders[0],
      ['path', 'firstSyncUtc', 'lastSyncUtc', 'count', 'sessions', 'ips'],
      'synced folder',
    );
    assertHas(m.throttledWindows[0], ['startUtc', 'endUtc', 'basis'], 'throttled window');
    assertHas(
      m.sessions[0],
      ['sessionId', 'ips', 'clients', 'appIds', 'actors', 'firstUtc', 'lastUtc', 'bind', 'sync'],
      'session',
    );
  });

  it('answers the fixture exactly', () => {
    assert.deepEqual(
      report.sources.map((s) => [
        path.basename(s.path),
        s.container,
        s.rows,
        s.records,
        s.duplicates,
        s.otherOperations,
        s.rejected.map((r) => r.line),
      ]),
      [
        ['export-1.jsonl', 'json-lines', 4, 2, 0, 1, [4]],
        ['export-2.jsonl', 'json-lines', 4, 3, 1, 0, []],
      ],
    );
    assert.deepEqual(
      { ...report.totals },
      {
        records: 5,
        duplicates: 1,
        rejected: 1,
        otherOperations: 1,
        otherOperationRows: 1,
        bind: 3,
        sync: 2,
        unknownAccess: 0,
        mailboxes: 1,
        messages: 3,
        syncedFolders: 2,
        throttledWindows: 1,
        recordsLoaded: 5,
      },
    );
    const m = report.mailboxes[0];
    assert.deepEqual(
      m.messages.map((x) => [x.key, x.firstAccessUtc, x.lastAccessUtc, x.accessCount, x.sessions, x.ips]),
      [
        [
          'secret-1@contoso.com',
          '2024-05-01T08:00:00Z',
          '2024-05-01T10:00:00Z',
          2,
          ['evil-session', 'owner-session'],
          ['192.0.2.10', '2001:db8::66'],
        ],
        [
          'secret-2@contoso.com',
          '2024-05-01T10:00:00Z',
          '2024-05-01T10:00:00Z',
          1,
          ['evil-session'],
          ['2001:db8::66'],
        ],
        [
          'other@contoso.com',
          '2024-05-01T12:00:00Z',
          '2024-05-01T12:00:00Z',
          1,
          ['owner-session'],
          ['203.0.113.7'],
        ],
      ],
    );
    assert.deepEqual(m.messages[0].firstRecord, {
      source: fx.first,
      line: 1,
      recordId: 'rec-owner-1',
      offset: 0,
      sourceIndex: 0,
    });
    assert.deepEqual(
      m.syncedFolders.map((f) => [f.path, f.firstSyncUtc, f.count, f.sessions]),
      [
        ['\\Sent Items', '2024-05-01T11:00:00Z', 1, ['evil-session']],
        ['Inbox', '2024-05-01T11:05:00Z', 1, ['evil-session']],
      ],
    );
    assert.deepEqual(
      m.throttledWindows.map((w) => [
        w.startUtc,
        w.endUtc,
        w.basis,
        w.openedBy.recordId,
        w.openedBy.line,
        w.openedBy.source,
      ]),
      [['2024-05-01T12:00:00Z', '2024-05-02T12:00:00Z', ['flag'], 'rec-flag', 4, fx.second]],
    );
  });

  it("lists the mailbox's contexts once; messages and folders point at them by id", () => {
    const m = report.mailboxes[0];
    assert.deepEqual(
      m.contexts.map((c) => [c.id, c.sessionId, c.ip, c.records, c.bind, c.sync]),
      [
        [0, 'owner-session', '192.0.2.10', 1, 1, 0],
        [1, 'evil-session', '2001:db8::66', 1, 1, 0],
        [2, 'evil-session', '2001:db8::66', 1, 0, 1],
        [3, 'evil-session', '2001:db8::66', 1, 0, 1],
        [4, 'owner-session', '203.0.113.7', 1, 1, 0],
      ],
    );
    // The two syncs differ in client (MSExchangeRPC and the builder's OWA default): two contexts.
    assert.notEqual(m.contexts[2].client, m.contexts[3].client);
    assert.deepEqual(
      m.messages[0].contexts.map((u) => [u.context, u.count, u.firstUtc]),
      [
        [0, 1, '2024-05-01T08:00:00Z'],
        [1, 1, '2024-05-01T10:00:00Z'],
      ],
    );
    for (const msg of m.messages) {
      for (const use of msg.contexts) {
        const c = m.contexts[use.context];
        assert.ok(c && msg.sessions.includes(c.sessionId!), `${msg.key} -> context ${use.context}`);
      }
    }
    assert.deepEqual(
      m.syncedFolders.map((f) => f.contexts.map((u) => u.context)),
      [[2], [3]],
    );
  });

  it('is deterministic: two runs differ only in generatedUtc', async () => {
    const again = await runScope({ inputs: [fx.first, fx.second], now: new Date(0) });
    const a = JSON.parse(writeJsonReport(report)) as Record<string, unknown>;
    const b = JSON.parse(writeJsonReport(again)) as Record<string, unknown>;
    assert.notEqual(a.generatedUtc, b.generatedUtc);
    delete a.generatedUtc;
    delete b.generatedUtc;
    assert.deepEqual(b, a);
    assert.equal(again.generatedUtc, '1970-01-01T00:00:00Z');
  });

  it('an empty file gives a valid report that says there is nothing', async () => {
    const empty = path.join(fx.dir, 'empty.csv');
    writeFileSync(empty, '');
    const r = await runScope({ inputs: [empty] });
    assert.equal(r.schemaVersion, 1);
    assert.equal(r.sources.length, 1);
    assert.equal(r.totals.records, 0);
    assert.deepEqual(r.mailboxes, []);
    assert.ok(r.notes.includes('No MailItemsAccessed records were found in the sources.'));
  });

  it('a file with only other operations gives a valid report that says so, and counts them', async () => {
    const others = path.join(fx.dir, 'others.jsonl');
    writeFileSync(others, '{"Id":"o1","Operation":"UserLoggedIn","CreationTime":"2024-05-01T00:00:00"}\n');
    const r = await runScope({ inputs: [others] });
    assert.equal(r.totals.records, 0);
    assert.equal(r.totals.otherOperations, 1);
    assert.ok(r.notes.includes('No MailItemsAccessed records were found in the sources.'));
  });
});
