import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { MessageChannel } from 'node:worker_threads';
import type { MiaRecord } from '../../../src/core/model';
import { normaliseAudit, type NormaliseResult } from '../../../src/core/normalise/normaliseAudit';
import type { RowItem } from '../../../src/core/worker/protocol';
import { RowBatchWriter, type RowBatch } from '../../../src/core/worker/rowBatch';
import { NO_SHARING, RowBatchReader } from '../../../src/core/worker/rowBatchReader';
import { fixturePath } from '../../support/paths';

type Rec = Omit<MiaRecord, 'provenance'>;

/** Records normalised from the published samples. */
const SAMPLE_RECORDS: Rec[] = fs
  .readdirSync(fixturePath('samples'))
  .filter((f) => f.endsWith('.json'))
  .map((f) =>
    normaliseAudit(JSON.parse(fs.readFileSync(fixturePath('samples', f), 'utf8')) as Record<string, unknown>),
  )
  .flatMap((r) => (r.kind === 'mia' ? [r.record] : []));

const EVERY_FIELD: Rec = {
  id: 'id-1',
  timeMs: 1_700_000_000_123,
  mailbox: 'Ann@Contoso.com',
  mailboxKey: 'ann@contoso.com',
  accessType: 'Sync',
  folders: [
    { path: '\\Inbox', key: 'inbox', items: [], id: 'f1' },
    {
      path: '',
      key: '',
      items: [
        { internetMessageId: '<A@B>', key: 'a@b', sizeInBytes: -0, subject: '' },
        { internetMessageId: 'same', key: 'same' },
        { internetMessageId: '<x\u2028\ud800>', key: 'x\u2028\ud800', subject: 'Ré: "hi"' },
      ],
    },
  ],
  mailboxGuid: 'guid',
  actor: 'actor',
  logonType: 2,
  userType: 0,
  isThrottled: false,
  sessionId: 's',
  ip: '2001:db8::1',
  clientInfo: 'Client=OWA',
  appId: 'app',
  clientAppId: 'client-app',
  operationCount: Number.MAX_SAFE_INTEGER + 2,
  externalAccess: true,
  organizationId: 'org',
  tokenTenantId: 'tenant',
  recordType: 50,
  originatingServer: 'server',
};

const NO_OPTIONAL: Rec = {
  id: 'id-2',
  timeMs: -1,
  mailbox: 'guid-only',
  mailboxKey: 'guid-only',
  accessType: 'Unknown',
  folders: [],
};

const RESULTS: NormaliseResult[] = [
  ...SAMPLE_RECORDS.map((record): NormaliseResult => ({ kind: 'mia', record })),
  { kind: 'mia', record: EVERY_FIELD },
  { kind: 'mia', record: { ...NO_OPTIONAL, logonType: Infinity, isThrottled: true, externalAccess: false } },
  { kind: 'mia', record: NO_OPTIONAL },
  { kind: 'other', operation: 'Send', id: 'x', timeMs: 0 },
  { kind: 'other', operation: 'Send' },
  { kind: 'error', reason: 'field Id is empty', operation: 'MailItemsAccessed' },
  { kind: 'error', reason: 'field Operation is missing' },
];

/** The `RowItem` the worker used to post for a row (see `protocol.ts`). */
function item(line: number, r: NormaliseResult): RowItem {
  if (r.kind === 'mia') return [0, line, line * 100, 99, r.record];
  if (r.kind === 'other') return [1, line, line * 100, 99, r.id ?? null, r.timeMs ?? null];
  return [2, line, line * 100, 99, r.reason, r.operation ?? null];
}

function writeAll(w: RowBatchWriter): RowItem[] {
  const expected: RowItem[] = [];
  RESULTS.forEach((r, i) => {
    w.result(i + 1, (i + 1) * 100, 99, r);
    expected.push(item(i + 1, r));
  });
  w.rejected(1_000_000, 2 ** 40, 7, 'a quoted field is never closed (unbalanced quote)');
  expected.push([3, 1_000_000, 2 ** 40, 7, 'a quoted field is never closed (unbalanced quote)']);
  return expected;
}

describe('row batches (how workers post rows)', () => {
  it('decode to exactly the rows written: values, absent fields and key order', () => {
    assert.ok(SAMPLE_RECORDS.length >= 5, `${SAMPLE_RECORDS.length} sample records`);
    const w = new RowBatchWriter();
    const expected = writeAll(w);
    assert.equal(w.rows, expected.length);
    const decoded = new RowBatchReader().read(w.take());
    assert.deepStrictEqual(decoded, expected);
    // Same key order too (reports and snapshots serialise records as they are).
    assert.equal(JSON.stringify(decoded), JSON.stringify(expected));
    const every = decoded.find((d) => d[0] === 0 && d[4].id === 'id-1')?.[4] as Rec;
    assert.ok(Object.is(every.folders[1].items[0].sizeInBytes, -0));
    assert.equal(every.operationCount, Number.MAX_SAFE_INTEGER + 2);
  });

  it('send each repeated string once per writer, later batches referring to it', () => {
    const w = new RowBatchWriter();
    const r = new RowBatchReader();
    for (let i = 0; i < 50; i++)
      w.result(i + 1, i, 1, { kind: 'mia', record: { ...EVERY_FIELD, id: `id-${i}` } });
    const first = w.take();
    assert.equal(first.shared.filter((s) => s === 'Ann@Contoso.com').length, 1);
    assert.equal(first.strings.filter((s) => s.startsWith('id-')).length, 50);
    assert.equal(first.strings.includes('Ann@Contoso.com'), false);
    assert.equal(r.read(first).length, 50);
    assert.equal(w.rows, 0);
    w.result(7, 7, 1, { kind: 'mia', record: NO_OPTIONAL });
    w.result(8, 8, 1, { kind: 'mia', record: { ...EVERY_FIELD, id: 'again' } });
    const second = w.take();
    // Only the string not seen before travels; the rest are numbers into the reader's table.
    assert.deepStrictEqual(second.shared, ['guid-only']);
    assert.deepStrictEqual(r.read(second), [
      [0, 7, 7, 1, NO_OPTIONAL],
      [0, 8, 8, 1, { ...EVERY_FIELD, id: 'again' }],
    ]);
    assert.deepStrictEqual(r.read(w.take()), []);
  });

  it("hand each repeated string to the reader's share function once, and build records with its result", () => {
    const seen: string[] = [];
    const shared = new Map<string, string>();
    const r = new RowBatchReader({
      ...NO_SHARING,
      intern: (s) => {
        seen.push(s);
        const copy = ` ${s}`.slice(1);
        shared.set(s, copy);
        return copy;
      },
    });
    const w = new RowBatchWriter();
    for (let i = 0; i < 3; i++) {
      w.result(i, i, 1, { kind: 'mia', record: { ...EVERY_FIELD, id: `id-${i}` } });
      const rows = r.read(w.take());
      const rec = rows[0][4] as Rec;
      assert.deepStrictEqual(rec, { ...EVERY_FIELD, id: `id-${i}` });
      assert.equal(rec.mailbox, shared.get('Ann@Contoso.com'));
    }
    assert.equal(seen.filter((s) => s === 'Ann@Contoso.com').length, 1);
    assert.equal(new Set(seen).size, seen.length);
  });

  it('start the table afresh past its bound, and still decode every row', () => {
    const w = new RowBatchWriter(100);
    const r = new RowBatchReader();
    let resets = 0;
    let rows = 0;
    // 40 new subjects a batch (and one folder path used by all): the table (100) fills every third.
    for (let b = 0; b < 9; b++) {
      const batch: Rec[] = [];
      for (let i = 0; i < 40; i++) {
        const n = b * 40 + i;
        const rec: Rec = {
          ...NO_OPTIONAL,
          id: `id-${n}`,
          folders: [{ path: 'p', key: 'p', items: [{ internetMessageId: 'm', key: 'm', subject: `s${n}` }] }],
        };
        batch.push(rec);
        w.result(n, n, 1, { kind: 'mia', record: rec });
      }
      const taken = w.take();
      if (taken.reset) {
        resets++;
        assert.ok(taken.shared.includes('p'), 'a fresh table sends its strings again');
      }
      const decoded = r.read(taken).map((row) => row[4]);
      assert.deepStrictEqual(decoded, batch);
      rows += decoded.length;
    }
    assert.equal(resets, 2);
    assert.equal(rows, 360);
  });

  it('send an empty repeated string (an item without a folder) as a string, also after a fresh start', () => {
    // The writer's cache marks an empty slot with ''; '' itself must still get its own table entry.
    const w = new RowBatchWriter(3);
    const r = new RowBatchReader();
    const noFolder = (n: number): Rec => ({
      ...NO_OPTIONAL,
      id: `id-${n}`,
      mailbox: `m${n}`,
      mailboxKey: `m${n}`,
      folders: [{ path: '', key: '', items: [{ internetMessageId: 'x', key: 'x' }] }],
    });
    let resets = 0;
    for (let b = 0; b < 4; b++) {
      const batch = [noFolder(2 * b), noFolder(2 * b + 1)];
      for (const rec of batch) w.result(b, b, 1, { kind: 'mia', record: rec });
      const taken = w.take();
      if (taken.reset) resets++;
      assert.ok(taken.shared.includes(''), `batch ${b} sends '' into its table`);
      assert.deepStrictEqual(
        r.read(taken).map((row) => row[4]),
        batch,
      );
    }
    assert.equal(resets, 3);
  });

  it('survive a postMessage with the numbers transferred', async () => {
    const w = new RowBatchWriter();
    const expected = writeAll(w);
    const batch = w.take();
    const { port1, port2 } = new MessageChannel();
    try {
      const received = new Promise<RowBatch>((resolve) => port2.once('message', resolve));
      port1.postMessage(batch, [batch.nums.buffer as ArrayBuffer]);
      assert.equal(batch.nums.length, 0, 'the numbers were moved, not copied');
      assert.deepStrictEqual(new RowBatchReader().read(await received), expected);
    } finally {
      port1.close();
      port2.close();
    }
  });

  it("send a message's usual key (its id without the brackets) as a mark, not as text", () => {
    const items = [
      { internetMessageId: '<Inner@Example.com>', key: 'Inner@Example.com' },
      { internetMessageId: '<Upper@X>', key: 'upper@x' },
      { internetMessageId: 'no-brackets', key: 'no-brackets' },
      { internetMessageId: '(ab)', key: 'ab' },
      { internetMessageId: '<ab>', key: 'ab ' },
      { internetMessageId: '<>', key: '' },
    ];
    const rec: Rec = { ...NO_OPTIONAL, folders: [{ path: 'p', key: 'p', items }] };
    const w = new RowBatchWriter();
    w.result(1, 0, 1, { kind: 'mia', record: rec });
    const batch = w.take();
    // Only the keys that are not the id's inner text travel (the id itself always does).
    assert.deepStrictEqual(
      batch.strings.filter((s) => !items.some((m) => m.internetMessageId === s) && s !== rec.id),
      ['upper@x', 'ab', 'ab '],
    );
    const [row] = new RowBatchReader().read(batch);
    assert.deepStrictEqual(row[4], rec);
    assert.equal(JSON.stringify(row[4]), JSON.stringify(rec));
  });

  it('grow past their first buffer', () => {
    const w = new RowBatchWriter();
    const expected: RowItem[] = [];
    for (let i = 0; i < 3000; i++) {
      w.result(i, i, 1, { kind: 'mia', record: EVERY_FIELD });
      expected.push([0, i, i, 1, EVERY_FIELD]);
    }
    assert.deepStrictEqual(new RowBatchReader().read(w.take()), expected);
  });
});
