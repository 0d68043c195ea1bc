import * as assert from 'node:assert/strict';
import { indexContexts } from '../../../src/core/analysis/contextIndex';
import { boundMessages } from '../../../src/core/analysis/messages';
import { compareRecords, groupByMailbox, mailboxGuids } from '../../../src/core/analysis/order';
import { sessionSummaries } from '../../../src/core/analysis/sessions';
import { syncedFolders } from '../../../src/core/analysis/syncedFolders';
import type { MiaRecord } from '../../../src/core/model';
import { H, rec, T0 } from './records';

const sorted = (records: MiaRecord[]) => [...records].sort(compareRecords);

describe('analysis/summaries', () => {
  describe('boundMessages', () => {
    const owner = {
      session: 'owner-sess',
      ip: '192.0.2.10',
      client: 'Client=MSExchangeRPC',
      actor: 'victim@contoso.com',
    };
    const attacker = {
      session: 'evil-sess',
      ip: '203.0.113.66',
      client: 'Client=OWA;Action=ViaProxy',
      actor: 'victim@contoso.com',
    };
    const records = sorted([
      rec({
        timeMs: T0 + 2 * H,
        ...attacker,
        folders: [{ path: '\\Inbox', ids: ['<A@x.com>', '<b@x.com>'], sizes: [10, 20] }],
      }),
      rec({ timeMs: T0, ...owner, folders: [{ path: 'Inbox', ids: ['a@X.com'] }] }),
      rec({
        timeMs: T0 + 3 * H,
        ...attacker,
        folders: [
          { path: '\\Archive', ids: ['<a@x.com>'], subjects: ['Payroll'] },
          { path: '\\Inbox', ids: ['<a@x.com>'] },
        ],
      }),
      rec({ timeMs: T0 + 4 * H, access: 'Sync', ...owner, folders: [{ path: '\\Inbox' }] }),
    ]);
    const messages = boundMessages(records);

    it('groups by normalised id, keeps the first written id for display', () => {
      assert.deepEqual(
        messages.map((m) => [m.key, m.internetMessageId]),
        [
          ['a@x.com', 'a@X.com'],
          ['b@x.com', '<b@x.com>'],
        ],
      );
    });

    it('first/last access, access count (one per record even when listed twice), folders by normalised path', () => {
      const a = messages[0];
      assert.equal(a.firstAccessMs, T0);
      assert.equal(a.lastAccessMs, T0 + 3 * H);
      assert.equal(a.accessCount, 3);
      assert.deepEqual(a.folders, ['\\Archive', 'Inbox']);
      assert.equal(a.firstRecord, records[0]);
    });

    it('size and subject from the first record that carries them', () => {
      assert.equal(messages[0].sizeInBytes, 10);
      assert.equal(messages[0].subject, 'Payroll');
      assert.equal(messages[1].subject, undefined);
    });

    it('sessions, IPs, clients and per-context use', () => {
      const a = messages[0];
      assert.deepEqual(a.sessions, ['evil-sess', 'owner-sess']);
      assert.deepEqual(a.ips, ['192.0.2.10', '203.0.113.66']);
      assert.deepEqual(
        a.contexts.map((c) => [c.sessionId, c.count, c.firstMs, c.lastMs]),
        [
          ['owner-sess', 1, T0, T0],
          ['evil-sess', 2, T0 + 2 * H, T0 + 3 * H],
        ],
      );
    });

    it('only Bind records contribute messages', () => {
      const sync = rec({ timeMs: T0, access: 'Sync', folders: [{ path: '\\Inbox', ids: ['<c@x.com>'] }] });
      const unknown = rec({
        timeMs: T0,
        access: 'Unknown',
        folders: [{ path: '\\Inbox', ids: ['<d@x.com>'] }],
      });
      assert.deepEqual(boundMessages([sync, unknown]), []);
    });
  });

  describe('syncedFolders', () => {
    it('both Sync shapes land on one folder; Bind records are not syncs', () => {
      const records = sorted([
        rec({ timeMs: T0, access: 'Sync', session: 's1', ip: '1.1.1.1', folders: [{ path: '\\Inbox' }] }),
        rec({ timeMs: T0 + H, access: 'Sync', session: 's2', ip: '2.2.2.2', folders: [{ path: 'Inbox' }] }),
        rec({ timeMs: T0 + 2 * H, access: 'Sync', session: 's2', folders: [{ path: '\\Sent Items' }] }),
        rec({ timeMs: T0 + 3 * H, access: 'Bind', folders: [{ path: '\\Drafts', ids: ['<x@y>'] }] }),
      ]);
      const folders = syncedFolders(records);
      assert.deepEqual(
        folders.map((f) => [f.key, f.path, f.count, f.firstSyncMs, f.lastSyncMs, f.sessions, f.ips]),
        [
          ['inbox', '\\Inbox', 2, T0, T0 + H, ['s1', 's2'], ['1.1.1.1', '2.2.2.2']],
          ['sent items', '\\Sent Items', 1, T0 + 2 * H, T0 + 2 * H, ['s2'], []],
        ],
      );
      assert.equal(folders[0].firstRecord, records[0]);
    });
  });

  describe('sessionSummaries', () => {
    it('per session: IPs, clients, apps, actors, first/last, Bind and Sync counts; no-session records last', () => {
      const records = sorted([
        rec({
          timeMs: T0 + H,
          session: 's1',
          ip: '1.1.1.1',
          client: 'OWA',
          appId: 'app-1',
          actor: 'u1',
          access: 'Bind',
        }),
        rec({
          timeMs: T0 + 2 * H,
          session: 's1',
          ip: '1.1.1.2',
          client: 'OWA',
          appId: 'app-1',
          actor: 'u2',
          access: 'Sync',
        }),
        rec({ timeMs: T0, ip: '9.9.9.9', client: 'REST', clientAppId: 'graph-client', access: 'Bind' }),
        rec({ timeMs: T0 + 3 * H, session: 's0', access: 'Bind' }),
      ]);
      const sessions = sessionSummaries(records);
      assert.deepEqual(
        sessions.map((s) => [s.sessionId, s.bind, s.sync, s.records, s.firstMs, s.lastMs]),
        [
          ['s1', 1, 1, 2, T0 + H, T0 + 2 * H],
          ['s0', 1, 0, 1, T0 + 3 * H, T0 + 3 * H],
          [undefined, 1, 0, 1, T0, T0],
        ],
      );
      assert.deepEqual(sessions[0].ips, ['1.1.1.1', '1.1.1.2']);
      assert.deepEqual(sessions[0].actors, ['u1', 'u2']);
      assert.deepEqual(sessions[0].appIds, ['app-1']);
      assert.deepEqual(sessions[2].clientAppIds, ['graph-client']);
      // From the context index's tallies: the same summaries, the same first records.
      assert.deepEqual(sessionSummaries(records, indexContexts(records)), sessions);
    });

    it('from a context index: sessions of several contexts, ties of first use, first record by position', () => {
      const records = sorted([
        rec({ timeMs: T0 + H, session: 'b', ip: '1.1.1.1', access: 'Bind' }),
        rec({ timeMs: T0 + H, session: 'a', ip: '1.1.1.2', access: 'Bind' }),
        rec({ timeMs: T0 + 2 * H, session: 'b', ip: '1.1.1.3', actor: 'x', access: 'Sync' }),
        rec({ timeMs: T0 + 3 * H, session: 'a', ip: '1.1.1.2', access: 'Sync' }),
        rec({ timeMs: T0 + 4 * H, session: 'b', ip: '1.1.1.1', clientAppId: 'c', access: 'Bind' }),
        rec({ timeMs: T0 + 5 * H, ip: '9.9.9.9', access: 'Bind' }),
        rec({ timeMs: T0 + 6 * H, ip: '9.9.9.8', access: 'Sync' }),
      ]);
      const index = indexContexts(records);
      assert.equal(index.mixesSessions, false);
      const fromIndex = sessionSummaries(records, index);
      assert.deepEqual(fromIndex, sessionSummaries(records));
      assert.deepEqual(
        fromIndex.map((s) => [s.sessionId, s.records, s.bind, s.sync, s.ips, records.indexOf(s.firstRecord)]),
        [
          ['a', 2, 1, 1, ['1.1.1.2'], 1],
          ['b', 3, 2, 1, ['1.1.1.1', '1.1.1.3'], 0],
          [undefined, 2, 1, 1, ['9.9.9.8', '9.9.9.9'], 5],
        ],
      );
    });

    it('records of an empty and of no session id share a context: read per record', () => {
      const records = sorted([
        rec({ timeMs: T0, ip: '9.9.9.9', access: 'Bind' }),
        rec({ timeMs: T0 + H, session: '', ip: '9.9.9.9', access: 'Sync' }),
      ]);
      const index = indexContexts(records);
      assert.equal(index.mixesSessions, true);
      const sessions = sessionSummaries(records, index);
      assert.deepEqual(sessions, sessionSummaries(records));
      assert.deepEqual(
        sessions.map((s) => [s.sessionId, s.records]),
        [
          ['', 1],
          [undefined, 1],
        ],
      );
    });
  });

  it('groupByMailbox: by lower-cased mailbox, in key order, each group in time order', () => {
    const groups = groupByMailbox([
      rec({ timeMs: T0 + H, mailbox: 'B@x.com' }),
      rec({ timeMs: T0, mailbox: 'b@x.com' }),
      rec({ timeMs: T0, mailbox: 'a@x.com' }),
    ]);
    assert.deepEqual([...groups.keys()], ['a@x.com', 'b@x.com']);
    assert.deepEqual(
      groups.get('b@x.com')!.map((r) => r.timeMs),
      [T0, T0 + H],
    );
  });

  it('mailboxGuids: sorted distinct GUIDs, runs and records without one alike', () => {
    const withGuid = (timeMs: number, mailboxGuid?: string): MiaRecord =>
      mailboxGuid === undefined ? rec({ timeMs }) : { ...rec({ timeMs }), mailboxGuid };
    const records = [
      withGuid(T0, 'g2'),
      withGuid(T0 + 1, 'g2'),
      withGuid(T0 + 2),
      withGuid(T0 + 3, 'g2'),
      withGuid(T0 + 4, 'g1'),
      withGuid(T0 + 5),
    ];
    assert.deepEqual(mailboxGuids(records), ['g1', 'g2']);
    assert.deepEqual(mailboxGuids([withGuid(T0)]), []);
  });
});
