import * as assert from 'node:assert/strict';
import { plainRecord } from '../../../src/core/investigation/compactRecord';
import { Interner } from '../../../src/core/investigation/interner';
import type { FolderRef, MessageRef, MiaRecord } from '../../../src/core/model';
import { RowBatchWriter } from '../../../src/core/worker/rowBatch';
import { RowBatchReader } from '../../../src/core/worker/rowBatchReader';

type Rec = Omit<MiaRecord, 'provenance'>;

const msg = (id: string, extra: Partial<MessageRef> = {}): MessageRef => ({
  internetMessageId: id,
  key: id.replace(/^<|>$/g, '').toLowerCase(),
  sizeInBytes: 1000,
  ...extra,
});

const bind = (id: string, items: MessageRef[], path = '\\Inbox'): Rec => ({
  id,
  timeMs: 1,
  mailbox: 'a@contoso.com',
  mailboxKey: 'a@contoso.com',
  accessType: 'Bind',
  folders: [{ path, key: path.slice(1).toLowerCase(), items }],
});

const sync = (id: string, path: string, folderId?: string): Rec => ({
  id,
  timeMs: 2,
  mailbox: 'a@contoso.com',
  mailboxKey: 'a@contoso.com',
  accessType: 'Sync',
  folders: [{ path, key: path.slice(1).toLowerCase(), items: [], ...(folderId ? { id: folderId } : {}) }],
});

/** Deep copies (the writer must not hand the reader the objects it was given). */
const copy = (r: Rec): Rec => JSON.parse(JSON.stringify(r)) as Rec;

/** Writes the records, one batch per inner list, and decodes them with `reader`. */
function transport(writer: RowBatchWriter, reader: RowBatchReader, batches: Rec[][]): Rec[] {
  const out: Rec[] = [];
  for (const batch of batches) {
    for (const r of batch) writer.result(1, 0, 1, { kind: 'mia', record: copy(r) });
    for (const row of reader.read(writer.take())) if (row[0] === 0) out.push(row[4]);
  }
  return out;
}

/** The records an in-thread read makes of the same rows (`Interner.compact` on each). */
function inThread(records: Rec[]): Rec[] {
  const interner = new Interner();
  return records.map((r) => interner.compact(copy(r)));
}

/**
 * A record's values as a plain object, provenance left out (the records here are not placed):
 * compact records compare by these, not by their few own fields.
 */
function values(r: Rec): Rec {
  const plain: Partial<MiaRecord> = plainRecord(r as MiaRecord);
  delete plain.provenance;
  return plain as Rec;
}

/** Where each message and folder object of `records` is first met: equal patterns, equal sharing. */
function sharingPattern(records: Rec[]): string[] {
  const seen = new Map<object, number>();
  const at = (o: object): number => {
    let n = seen.get(o);
    if (n === undefined) seen.set(o, (n = seen.size));
    return n;
  };
  return records.map((r) =>
    [
      `folders ${at(r.folders)} frozen ${Object.isFrozen(r.folders)}`,
      ...r.folders.map(
        (f: FolderRef) =>
          `folder ${at(f)} ${Object.isFrozen(f)} items ${f.items.map((m) => `${at(m)}${Object.isFrozen(m) ? 'f' : ''}`).join(',')}`,
      ),
    ].join(' | '),
  );
}

describe('row batches decoded with the interner (shared messages and folders)', () => {
  it('give a message repeated across batches and worker ranges the same frozen MessageRef', () => {
    const interner = new Interner();
    const m1 = msg('<M1@x>', { subject: 'Hello' });
    const first = transport(new RowBatchWriter(), new RowBatchReader(interner), [
      [bind('r1', [m1, msg('<M2@x>')])],
      [bind('r2', [m1])],
    ]);
    // A second range: another writer and reader (its own string table), the same interner.
    const second = transport(new RowBatchWriter(), new RowBatchReader(interner), [[bind('r3', [m1])]]);
    const a = first[0].folders[0].items[0];
    assert.equal(first[1].folders[0].items[0], a, 'a later batch of the same range');
    assert.equal(second[0].folders[0].items[0], a, 'another range');
    assert.ok(Object.isFrozen(a));
    assert.deepEqual(a, m1);
    assert.notEqual(first[0].folders[0].items[1], a);
    assert.equal(interner.messageCount, 2);
  });

  it('keep messages with the same id but another key, size or subject apart, each shared', () => {
    const interner = new Interner();
    const variants = [
      msg('<M1@x>'),
      msg('<M1@x>', { sizeInBytes: 2000 }),
      msg('<M1@x>', { subject: 'Re: x' }),
      msg('<M1@x>', { key: 'other' }),
      msg('<M1@x>', { sizeInBytes: undefined }),
    ];
    delete variants[4].sizeInBytes;
    const records = [bind('r1', variants), bind('r2', [...variants].reverse())];
    const decoded = transport(new RowBatchWriter(), new RowBatchReader(interner), [
      [records[0]],
      [records[1]],
    ]);
    const [one, two] = decoded.map((r) => r.folders[0].items);
    assert.equal(new Set(one).size, 5);
    assert.deepEqual(one, variants);
    one.forEach((m, i) => assert.equal(two[4 - i], m, `variant ${i} shared`));
    assert.equal(interner.messageCount, 5);
    assert.equal('sizeInBytes' in one[4], false, 'an absent size stays absent');
  });

  it('share messages, item-less folders and Sync folder lists exactly as an in-thread read does', () => {
    const rows: Rec[] = [];
    for (let i = 0; i < 60; i++) {
      rows.push(bind(`b${i}`, [msg(`<M${i % 7}@x>`, { subject: `s${i % 3}` }), msg(`<N${i % 5}@x>`)]));
      rows.push(sync(`s${i}`, i % 2 ? '\\Inbox' : '\\Sent', i % 4 === 0 ? 'fid' : undefined));
      rows.push({ ...sync(`t${i}`, '\\Inbox'), folders: [] });
      rows.push({
        ...bind(`c${i}`, [msg(`<M${i % 7}@x>`, { subject: `s${i % 3}` })]),
        folders: [
          ...bind('', [msg(`<M${i % 7}@x>`, { subject: `s${i % 3}` })]).folders,
          ...sync('', '\\Sent').folders,
        ],
      });
    }
    const interner = new Interner();
    // A small table (reset every few batches) and two ranges.
    const half = rows.length / 2;
    const batches = (list: Rec[]): Rec[][] =>
      list.map((_, i) => list.slice(i * 9, i * 9 + 9)).filter((b) => b.length);
    const decoded = [
      ...transport(new RowBatchWriter(12), new RowBatchReader(interner), batches(rows.slice(0, half))),
      ...transport(new RowBatchWriter(12), new RowBatchReader(interner), batches(rows.slice(half))),
    ];
    const expected = inThread(rows);
    assert.deepStrictEqual(decoded.map(values), expected.map(values));
    assert.deepStrictEqual(sharingPattern(decoded), sharingPattern(expected));
    // The pattern is not trivially equal: Sync records share one frozen list, messages repeat.
    const syncs = decoded.filter((r) => r.id.startsWith('s'));
    assert.equal(syncs[0].folders, syncs[4].folders);
    assert.notEqual(syncs[0].folders, syncs[2].folders);
    assert.ok(Object.isFrozen(syncs[0].folders));
    assert.equal(decoded.find((r) => r.id === 't0')?.folders, decoded.find((r) => r.id === 't1')?.folders);
  });

  it('still share after the writer starts its string table afresh mid-range', () => {
    const interner = new Interner();
    const writer = new RowBatchWriter(4);
    const reader = new RowBatchReader(interner);
    const m = msg('<M1@x>', { subject: 'Hello' });
    const batches: Rec[][] = [];
    // Each batch brings new subjects, so the table of 4 fills and is reset between batches.
    for (let b = 0; b < 6; b++)
      batches.push([
        bind(`r${b}`, [
          m,
          msg(`<U${b}@x>`, { subject: `new ${b}` }),
          msg(`<V${b}@x>`, { subject: `v ${b}` }),
        ]),
      ]);
    let resets = 0;
    const decoded: Rec[] = [];
    for (const batch of batches) {
      for (const r of batch) writer.result(1, 0, 1, { kind: 'mia', record: copy(r) });
      const taken = writer.take();
      if (taken.reset) resets++;
      for (const row of reader.read(taken)) if (row[0] === 0) decoded.push(row[4]);
    }
    assert.ok(resets >= 2, `${resets} resets`);
    assert.deepStrictEqual(decoded.map(values), inThread(batches.flat()).map(values));
    for (const r of decoded) assert.equal(r.folders[0].items[0], decoded[0].folders[0].items[0]);
    for (const r of decoded) assert.equal(r.folders[0].path, '\\Inbox');
  });
});
