import * as assert from 'node:assert/strict';
import { FolderStore } from '../../../src/core/investigation/folderStore';
import { GIVEN_KEY } from '../../../src/core/investigation/messageColumns';
import { Interner } from '../../../src/core/investigation/interner';
import type { FolderRef, MessageRef, MiaRecord } from '../../../src/core/model';
import { normaliseAudit } from '../../../src/core/normalise/normaliseAudit';
import { miaAudit } from '../normalise/auditBuilders';
import { CompactRecord } from '../../../src/core/investigation/compactRecord';
import { RowBatchWriter } from '../../../src/core/worker/rowBatch';
import { NO_SHARING, RowBatchReader, type RowSink } from '../../../src/core/worker/rowBatchReader';
import { decodedRecords } from '../../support/codedRecords';
import { KEY_INNER_LOWER } from '../../../src/core/worker/rowBatchFormat';

/** The shared message `store` holds for `m`'s values, added as a new one (its key given as text). */
function heldMessage(store: FolderStore, m: MessageRef): MessageRef {
  return store.messageAt(store.addMessage(m.internetMessageId, m.key, GIVEN_KEY, m.sizeInBytes, m.subject));
}

type Loose = Omit<MiaRecord, 'provenance'>;

/** A normalised Bind (or Sync) record with these folders and message ids. */
function record(id: string, folders: { path: string; ids: string[] }[], access?: 'Sync'): Loose {
  const r = normaliseAudit(miaAudit({ id, time: '2024-03-01T10:00:00', session: 's1', folders, access }));
  assert.equal(r.kind, 'mia');
  return r.record;
}

/** A deep copy as plain data (what the record's folders were before loading). */
const plain = (f: FolderRef[]): FolderRef[] => JSON.parse(JSON.stringify(f)) as FolderRef[];

describe('investigation: folder store', () => {
  it("gives back a placed Bind record's folders equal, in order, holding the same shared messages", () => {
    const interner = new Interner();
    const shapes = [
      [{ path: '\\Inbox', ids: ['<A@x>', '<b@x>'] }],
      [
        { path: '\\Inbox', ids: ['<A@x>'] },
        { path: '\\Archive', ids: [] },
        { path: '\\Sent Items', ids: ['<c@x>', '<b@x>', '<A@x>'] },
      ],
      [{ path: '\\Drafts', ids: [] }],
    ];
    const records = shapes.map((folders, i) => record(`r${i}`, folders));
    const expected = records.map((r) => plain(r.folders));
    const loaded = records.map((r, i) => {
      const c = interner.compact(r);
      c.place(i + 1, i, 1);
      return c;
    });
    loaded.forEach((c, i) => {
      const first = c.folders;
      assert.deepStrictEqual(first, expected[i], `record ${i}`);
      assert.deepStrictEqual(Object.keys(first[0]), Object.keys(expected[i][0]), 'keys in the order');
      const again = c.folders;
      assert.deepStrictEqual(again, first);
      first.forEach((f, k) =>
        f.items.forEach((m, j) => assert.equal(again[k].items[j], m, 'the same shared message')),
      );
    });
    // One message listed by several records is one shared object.
    const a = loaded.map((c) => c.folders.flatMap((f) => f.items).find((m) => m.key === 'a@x'));
    assert.ok(a[0] !== undefined && a[0] === a[1]);
    assert.ok(Object.isFrozen(a[0]));
    assert.deepStrictEqual(Object.keys(a[0]), ['internetMessageId', 'key', 'sizeInBytes']);
    // An item-less folder of a record listing several is the shared folder, as before loading.
    assert.ok(Object.isFrozen(loaded[1].folders[1]));
    assert.equal(loaded[1].folders[1], loaded[1].folders[1]);
  });

  it('keeps shared lists (a Sync record, no folders) and lists of a record never placed as they are', () => {
    const interner = new Interner();
    const sync = interner.compact(record('s', [{ path: '\\Inbox', ids: [] }], 'Sync'));
    sync.place(1, 0, 1);
    assert.ok(Object.isFrozen(sync.folders));
    assert.equal(sync.folders, sync.folders, 'the shared list itself');
    const kept = interner.compact(record('b', [{ path: '\\Inbox', ids: ['<m@x>'] }]));
    assert.equal(kept.folders, kept.folders, 'not placed (a duplicate): its own list, not written');
  });

  it('keeps a list holding a message it did not code, and writes past the end of a chunk', () => {
    const store: FolderStore = new FolderStore((path, key, id): FolderRef =>
      store.folder({ path, key, id, items: [] }),
    );
    const inbox: FolderRef = store.folder({ path: '\\Inbox', key: 'inbox', items: [] });
    const stranger: FolderRef[] = [
      { path: '\\Inbox', key: 'inbox', items: [{ internetMessageId: 'x', key: 'x' }] },
    ];
    assert.equal(store.encode(stranger), stranger);
    const messages = Array.from({ length: 1000 }, (_, i) =>
      heldMessage(store, { internetMessageId: `<m${i}>`, key: `m${i}` }),
    );
    // 1,100 records of 1,005 entries each: 260 fit in a chunk of 262,144, so five chunks.
    const at: number[] = [];
    for (let r = 0; r < 1100; r++) {
      const pos = store.encode([inbox, { path: '\\Inbox', key: 'inbox', items: messages }]);
      assert.equal(typeof pos, 'number');
      at.push(pos as number);
    }
    assert.deepStrictEqual([at[259] >>> 18, at[260] >>> 18, at[1099] >>> 18], [0, 1, 4]);
    assert.equal(at[260] & ((1 << 18) - 1), 0, 'a record not fitting starts the next chunk');
    for (const pos of [at[0], at[259], at[260], at[1099]]) {
      const [empty, full] = store.decode(pos);
      assert.equal(empty, inbox);
      assert.equal(full.items.length, 1000);
      full.items.forEach((m, i) => assert.equal(m, messages[i]));
    }
    // A record larger than a chunk stays a list.
    const huge: FolderRef[] = [
      { path: '\\Inbox', key: 'inbox', items: new Array<MessageRef>(300_000).fill(messages[0]) },
    ];
    assert.equal(store.encode(huge), huge);
  });

  it('writes the folders of records decoded from a row batch as codes, equal to those placed from lists', () => {
    const shapes: { path: string; ids: string[] }[][] = [
      [{ path: '\\Inbox', ids: ['<A@x>', '<b@x>'] }],
      [
        { path: '\\Archive', ids: [] },
        { path: '\\Sent Items', ids: ['<c@x>', '<b@x>', '<A@x>'] },
      ],
      [
        { path: '\\Drafts', ids: [] },
        { path: '\\Archive', ids: [] },
      ],
    ];
    const records = [
      ...shapes.map((folders, i) => record(`r${i}`, folders)),
      record('sync', [{ path: '\\Inbox', ids: [] }], 'Sync'),
      record('none', []),
    ];
    const writer = new RowBatchWriter();
    records.forEach((r, i) => writer.result(i + 1, i, 1, { kind: 'mia', record: r }));
    const batch = writer.take();
    const expected = new RowBatchReader(NO_SHARING).read(batch).map((row) => row[4] as Loose);

    const interner = new Interner();
    const decoded: CompactRecord[] = [];
    const sink: RowSink = {
      record: (_line, _offset, _length, r) => decoded.push(r as CompactRecord),
      other: () => assert.fail('no other rows'),
      error: () => assert.fail('no errors'),
      rejected: () => assert.fail('no rejected rows'),
    };
    new RowBatchReader(interner).readInto(batch, sink);
    assert.equal(decoded.length, records.length);
    decoded.forEach((c, i) => {
      assert.ok(c instanceof CompactRecord);
      // Written already, before being placed; placing writes nothing more.
      const at = c.folderPosition();
      c.place(i + 1, i, 1);
      assert.equal(c.folderPosition(), at);
      assert.deepStrictEqual(plain(c.folders), plain(expected[i].folders), `record ${i}`);
      assert.deepStrictEqual(Object.keys(c.folders[0] ?? {}), Object.keys(expected[i].folders[0] ?? {}));
    });
    // Bind records and the record of two item-less folders are coded; the Sync record keeps the
    // shared one-folder list, the record of none the shared empty list.
    assert.deepStrictEqual(
      decoded.map((c) => c.folderPosition() >= 0),
      [true, true, true, false, false],
    );
    assert.ok(Object.isFrozen(decoded[3].folders) && Object.isFrozen(decoded[4].folders));
    // The same message in two records is the same shared object.
    const b = decoded.map((c) => c.folders.flatMap((f) => f.items).find((m) => m.key === 'b@x'));
    assert.ok(b[0] !== undefined && b[0] === b[1]);
  });

  it('gives back the codes of a duplicate decoded last, and keeps a folder too big for a chunk as a list', () => {
    const interner = new Interner();
    const writer = new RowBatchWriter();
    const ids = Array.from({ length: 300_000 }, (_, i) => `<m${i}@x>`);
    writer.result(1, 0, 1, { kind: 'mia', record: record('a', [{ path: '\\Inbox', ids: ['<a@x>'] }]) });
    writer.result(2, 1, 1, { kind: 'mia', record: record('dup', [{ path: '\\Inbox', ids: ['<d@x>'] }]) });
    writer.result(3, 2, 1, { kind: 'mia', record: record('b', [{ path: '\\Inbox', ids: ['<b@x>'] }]) });
    writer.result(4, 3, 1, { kind: 'mia', record: record('huge', [{ path: '\\Inbox', ids }]) });
    const decoded: CompactRecord[] = [];
    const sink: RowSink = {
      record: (_line, _offset, _length, r) => {
        const c = r as CompactRecord;
        // What `SourceAccount.addRecord` does with a duplicate: not placed, its codes given back.
        if (c.id === 'dup') c.discard();
        else c.place(decoded.length + 1, decoded.length, 1);
        decoded.push(c);
      },
      other: () => assert.fail('no other rows'),
      error: () => assert.fail('no errors'),
      rejected: () => assert.fail('no rejected rows'),
    };
    new RowBatchReader(interner).readInto(writer.take(), sink);
    const [a, dup, b, huge] = decoded;
    assert.equal(dup.folderPosition(), a.folderPosition() + 4, 'written after the first record');
    assert.equal(b.folderPosition(), dup.folderPosition(), "the next record takes the duplicate's place");
    assert.deepStrictEqual(
      plain(b.folders).map((f) => f.items.map((m) => m.key)),
      [['b@x']],
    );
    assert.deepStrictEqual(
      plain(a.folders).map((f) => f.items.map((m) => m.key)),
      [['a@x']],
      'the record before is untouched',
    );
    // Giving back codes that are not the last written changes nothing.
    a.discard();
    assert.deepStrictEqual(plain(a.folders)[0].items.length, 1);
    assert.equal(huge.folderPosition(), -1, 'more messages than a chunk holds: kept as a list');
    assert.equal(huge.folders[0].items.length, ids.length);
    assert.equal(huge.folders[0].items[299_999].key, 'm299999@x');
  });
});

describe('investigation: messages held as columns', () => {
  const shapes = [
    [{ path: '\\Inbox', ids: ['<A@x>', '<b@x>'] }],
    [
      { path: '\\Archive', ids: [] },
      { path: '\\Sent Items', ids: ['<c@x>', '<A@x>'] },
    ],
    [{ path: '\\Drafts', ids: [] }],
    [{ path: '\\Inbox', ids: ['<b@x>'] }],
  ];

  it('makes no message object while loading; one per message when folders are read, the same each time', () => {
    const interner = new Interner();
    const decoded = decodedRecords(
      interner,
      shapes.map((folders, i) => record(`r${i}`, folders)),
    );
    const store = interner.folderCodes;
    assert.equal(store.messageCount, 3, 'three distinct messages held');
    assert.equal(store.objectsMade, 0, 'none made as an object');
    const first = decoded.map((c) => c.folders.flatMap((f) => f.items));
    assert.equal(store.objectsMade, 3, 'each made once when first read');
    const again = decoded.map((c) => c.folders.flatMap((f) => f.items));
    assert.equal(store.objectsMade, 3);
    first.forEach((items, i) => items.forEach((m, j) => assert.equal(again[i][j], m)));
    const a = first[0][0];
    assert.deepStrictEqual(a, { internetMessageId: '<A@x>', key: 'a@x', sizeInBytes: 1000 });
    assert.ok(Object.isFrozen(a));
    assert.equal(first[1][1], a, 'one object for the message in every record');
    assert.equal(store.codeOfMessage(a), 0);
    assert.equal(store.messageAt(0), a);
    assert.equal(store.codeOfMessage({ ...a }), undefined, 'an equal object is not one of the store’s');
    // Another store's message with the same code is not this store's.
    const other = new Interner();
    const theirs = decodedRecords(other, [record('x', [{ path: '\\Inbox', ids: ['<A@x>'] }])])[0].folders[0]
      .items[0];
    assert.equal(other.folderCodes.codeOfMessage(theirs), 0);
    assert.equal(store.codeOfMessage(theirs), undefined);
  });

  it('gives messages added without a key id their ids when first asked, as addMessage gives them', () => {
    // [id, key given as text (undefined: made from the id, without brackets and lower-cased)]
    const messages: [string, string | undefined][] = [
      ['<A@x>', undefined],
      ['<b@x>', 'b@x'],
      ['a@x', 'a@x'],
      ['<B@X>', undefined],
      ['<c@x>', 'c@x'],
      ['<A@x>', undefined],
      ['d@x', 'd@x'],
      ['<C@x>', undefined],
    ];
    const add = (store: FolderStore, [id, key]: [string, string | undefined], keyed: boolean): number => {
      const kind = key === undefined ? -KEY_INNER_LOWER : GIVEN_KEY;
      return keyed
        ? store.addMessage(id, key, kind, undefined, undefined)
        : store.addUnkeyedMessage(id, key, kind, undefined, undefined);
    };
    const keyedNow = new FolderStore(() => assert.fail('no folder is encoded'));
    messages.forEach((m) => add(keyedNow, m, true));
    const want = keyedNow.keyIds();
    assert.equal(want.count, 4, 'a@x, b@x, c@x, d@x');
    // Unkeyed messages, one added with its key between them (the earlier ones keyed first), the
    // store compacted before the ids are asked for.
    const later = new FolderStore(() => assert.fail('no folder is encoded'));
    messages.forEach((m, i) => assert.equal(add(later, m, i === 3), i));
    later.compact();
    const got = later.keyIds();
    assert.equal(got.count, want.count);
    assert.deepEqual(
      [...got.ofMessage.subarray(0, messages.length)],
      [...want.ofMessage.subarray(0, messages.length)],
    );
    // More messages after the ids were given: keyed again when next asked.
    add(later, ['<D@x>', undefined], false);
    assert.equal(later.keyIds().ofMessage[messages.length], want.ofMessage[6], 'd@x again');
    assert.equal(later.keyIds().count, 4);
  });

  it('counts, names the first message of and lists the folders of a position as decode gives them', () => {
    const interner = new Interner();
    const decoded = decodedRecords(
      interner,
      shapes.map((folders, i) => record(`r${i}`, folders)),
    );
    const store = interner.folderCodes;
    // A record naming one item-less folder keeps the shared one-folder list.
    assert.deepEqual(
      decoded.map((c) => c.folderPosition() >= 0),
      [true, true, false, true],
    );
    for (const c of decoded.filter((r) => r.folderPosition() >= 0)) {
      const at = c.folderPosition();
      const folders = c.folders;
      const items = folders.flatMap((f) => f.items);
      assert.equal(store.messageCountAt(at), items.length);
      assert.deepEqual(
        store.folderPathsAt(at),
        folders.map((f) => f.path),
      );
      const code = store.firstMessageCodeAt(at);
      assert.equal(code < 0 ? undefined : store.messageAt(code), items[0]);
    }
    assert.deepEqual(
      [0, 1, 3].map((i) => store.messageCountAt(decoded[i].folderPosition())),
      [2, 2, 1],
    );
  });
});
