import * as assert from 'node:assert/strict';
import { RecordQuery } from '../../../src/core/query/recordQuery';
import { buildTimeline, syncMarkCap } from '../../../src/core/query/timeline';
import type { FilterState, SortState } from '../../../src/protocol/messages';
import { buildRecord } from '../../support/recordBuilder';

const noFilter: FilterState = { text: '', facets: {} };
const byTime: SortState = { column: 'time', descending: false };
const hour = 3_600_000;
const t0 = Date.UTC(2025, 2, 1, 10, 0, 0);

function sample() {
  return [
    buildRecord({
      timeMs: t0 + 3 * hour,
      mailbox: 'bob@contoso.com',
      mailboxKey: 'bob@contoso.com',
      ip: '203.0.113.9',
      sessionId: 'evil',
    }),
    buildRecord({ timeMs: t0, ip: '10.0.0.1', sessionId: 'owner' }),
    buildRecord({
      timeMs: t0 + hour,
      accessType: 'Sync',
      ip: '203.0.113.9',
      sessionId: 'evil',
      folders: [{ path: '\\Posteingang', key: 'posteingang', items: [] }],
    }),
    buildRecord({
      timeMs: t0 + 2 * hour,
      ip: '10.0.0.1',
      sessionId: 'owner',
      clientInfo: 'Client=OWA;Action=ViaProxy',
      folders: [
        {
          path: '\\Inbox',
          key: 'inbox',
          items: [{ internetMessageId: '<Secret@X>', key: 'secret@x', subject: 'Quarterly Payroll' }],
        },
      ],
    }),
  ];
}

describe('RecordQuery', () => {
  it('sorts by time either way and pages rows with display cells', () => {
    const records = sample();
    const q = new RecordQuery(records);
    assert.equal(q.run(noFilter, byTime).matched, 4);
    assert.deepEqual(
      q.rows(0, 10).map((r) => r.record),
      [1, 2, 3, 0],
    );
    q.run(noFilter, { column: 'time', descending: true });
    assert.deepEqual(
      q.rows(1, 2).map((r) => r.record),
      [3, 2],
    );
    const sync = q.rows(0, 4).find((r) => r.record === 2)!;
    assert.equal(sync.cells.access, 'Sync');
    assert.equal(sync.cells.items, '', 'Sync records list no items');
    assert.equal(sync.cells.folders, '\\Posteingang');
  });

  it('sorts strings by rank, case-insensitively, ties in investigation order', () => {
    const q = new RecordQuery(sample());
    q.run(noFilter, { column: 'mailbox', descending: false });
    assert.deepEqual(
      q.rows(0, 4).map((r) => r.record),
      [1, 2, 3, 0],
    );
    q.run(noFilter, { column: 'mailbox', descending: true });
    assert.equal(q.rows(0, 1)[0].record, 0);
  });

  it('filters by text over messages, subjects and clients', () => {
    const q = new RecordQuery(sample());
    assert.deepEqual(
      (q.run({ text: 'PAYROLL', facets: {} }, byTime), q.rows(0, 9).map((r) => r.record)),
      [3],
    );
    assert.equal(q.run({ text: 'secret@x', facets: {} }, byTime).matched, 1);
    assert.equal(q.run({ text: 'viaproxy', facets: {} }, byTime).matched, 1);
    assert.equal(q.run({ text: 'nothing-like-this', facets: {} }, byTime).matched, 0);
  });

  it('filters by facets and time range [from, to)', () => {
    const q = new RecordQuery(sample());
    assert.equal(q.run({ text: '', facets: { ip: ['203.0.113.9'] } }, byTime).matched, 2);
    assert.equal(q.run({ text: '', facets: { ip: ['203.0.113.9'], access: ['Sync'] } }, byTime).matched, 1);
    const r = q.run({ text: '', facets: {}, fromMs: t0 + hour, toMs: t0 + 3 * hour }, byTime);
    assert.deepEqual(
      q.rows(0, 9).map((x) => x.record),
      [2, 3],
    );
    assert.equal(r.total, 4);
  });

  it('counts facet values over all other criteria, keeping unselected values of the same facet', () => {
    const q = new RecordQuery(sample());
    const { facets } = q.run({ text: '', facets: { session: ['evil'] } }, byTime);
    const session = facets.find((f) => f.facet === 'session')!;
    assert.deepEqual(session.values, [
      { value: 'evil', count: 2 },
      { value: 'owner', count: 2 },
    ]);
    const access = facets.find((f) => f.facet === 'access')!;
    assert.deepEqual(
      access.values.map((v) => [v.value, v.count]),
      [
        ['Bind', 1],
        ['Sync', 1],
      ],
    );
  });

  it('reports the position of a record in the view', () => {
    const q = new RecordQuery(sample());
    q.run({ text: '', facets: { session: ['owner'] } }, byTime);
    assert.equal(q.positionOf(3), 1);
    assert.equal(q.positionOf(0), -1);
  });
});

describe('buildTimeline', () => {
  it('counts Bind and Sync per hour from the first record hour and marks Syncs', () => {
    const records = sample();
    const t = buildTimeline(
      records,
      [0, 1, 2, 3],
      [{ mailbox: 'bob', startMs: t0, endMs: t0 + 24 * hour, basis: ['flag'] }],
    );
    assert.equal(t.startMs, t0);
    assert.deepEqual(t.bind, [1, 0, 1, 1]);
    assert.deepEqual(t.sync, [0, 1, 0, 0]);
    assert.deepEqual(t.syncMarks, [{ timeMs: t0 + hour, record: 2, folder: '\\Posteingang' }]);
    assert.equal(t.throttled.length, 1);
  });

  it('is empty for no records', () => {
    assert.deepEqual(buildTimeline([], [], []).bind, []);
  });

  it('marks every Sync up to the cap, and none beyond it (the chart draws only a complete set)', () => {
    const records = (n: number) =>
      Array.from({ length: n }, (_, i) => buildRecord({ timeMs: t0 + i, accessType: 'Sync' }));
    const atCap = records(syncMarkCap);
    const full = buildTimeline(
      atCap,
      atCap.map((_, i) => i),
      [],
    );
    assert.equal(full.syncMarks.length, syncMarkCap);
    assert.equal(
      full.sync.reduce((a, b) => a + b, 0),
      syncMarkCap,
    );
    const over = records(syncMarkCap + 1);
    const none = buildTimeline(
      over,
      over.map((_, i) => i),
      [],
    );
    assert.deepEqual(none.syncMarks, []);
    assert.equal(
      none.sync.reduce((a, b) => a + b, 0),
      syncMarkCap + 1,
      'the Sync series still counts them all',
    );
  });
});
