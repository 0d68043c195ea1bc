import * as assert from 'node:assert/strict';
import { codedPosition, PlacedFolders } from '../../../src/core/investigation/codedRecord';
import { Interner } from '../../../src/core/investigation/interner';
import { itemCount, subjectText } from '../../../src/core/query/recordColumns';
import { recordIndexOf } from '../../../src/core/query/recordIndex';
import { StoredRecord } from '../../../src/core/savedIndex/recordStore';
import { normaliseAudit } from '../../../src/core/normalise/normaliseAudit';
import { miaAudit } from '../normalise/auditBuilders';
import {
  decodedRecords,
  mixedRecords,
  objectReads,
  plainRecords,
  reopened,
} from '../../support/codedRecords';

describe('saved index: the folders of reopened records written as codes', () => {
  for (const [name, load] of [
    ['loaded', (records: ReturnType<typeof mixedRecords>) => decodedRecords(new Interner(), records)],
    ['plain', (records: ReturnType<typeof mixedRecords>) => plainRecords(records)],
  ] as const) {
    it(`writes each record's folders to one store, equal to its folders as objects (${name} records saved)`, () => {
      const source = load(mixedRecords(600, 17));
      const back = reopened(source);
      const store = back[0].folderStore();
      let coded = 0;
      back.forEach((r, k) => {
        assert.equal(r.folderStore(), store, 'one store for the index');
        const at = r.folderPosition();
        if (r.accessType === 'Sync' || r.folders.length === 0) {
          assert.equal(at, -1, `record ${k} keeps its list`);
          return;
        }
        assert.ok(at >= 0, `record ${k} is written`);
        coded++;
        assert.deepEqual(store.decode(at), source[k].folders, `record ${k}`);
        assert.deepEqual(store.decode(at), r.folders);
        assert.deepEqual(
          store.folderPathsAt(at),
          r.folders.map((f) => f.path),
        );
        const items = r.folders.flatMap((f) => f.items);
        assert.equal(store.messageCountAt(at), items.length);
        const first = store.firstMessageCodeAt(at);
        assert.deepEqual(first < 0 ? undefined : store.messageAt(first), items[0]);
      });
      assert.ok(coded > 400, `${coded} records written`);
      assert.ok(back.some((r) => r.accessType === 'Sync' && r.folders.length > 0));
    });
  }

  it('writes the folders when a reader of all records asks, not when a page of rows is read', () => {
    const back = reopened(decodedRecords(new Interner(), mixedRecords(300, 29)));
    const bind = back.filter((r) => r.accessType === 'Bind' && r.folders.some((f) => f.items.length > 0));
    const columns = (r: StoredRecord) => [itemCount(r), subjectText(r)];
    const asObjects = bind.map(columns);
    assert.ok(
      bind.every((r) => codedPosition(r) === -1 && r.writtenPosition() === -1),
      'none written yet',
    );
    const placed = new PlacedFolders();
    assert.ok(placed.at(bind[0]) >= 0, 'a reader of all records writes them');
    assert.ok(bind.every((r) => codedPosition(r) === r.folderPosition() && r.folderPosition() >= 0));
    assert.deepEqual(bind.map(columns), asObjects, 'the grid reads the same from codes');
  });

  it("the grid's query index has the folders written before the columns that read them", () => {
    const back = reopened(decodedRecords(new Interner(), mixedRecords(300, 31)));
    const { reads } = objectReads(() => recordIndexOf(back).warm(Infinity));
    assert.equal(reads, 0, 'no folders read as objects');
    assert.ok(back.some((r) => r.writtenPosition() >= 0));
  });

  it('writes them a step at a time until a deadline, equal to writing them at once', () => {
    const source = decodedRecords(new Interner(), mixedRecords(9000, 37));
    const back = reopened(source);
    let calls = 0;
    // A deadline already past: one step (a few thousand messages or records) per call.
    while (!back[0].writeFolders(performance.now())) {
      calls++;
      assert.equal(back[0].writtenPosition(), -1, 'nothing read as written before the end');
    }
    assert.ok(calls >= 2, `${calls} calls before the end`);
    assert.equal(back[1].writeFolders(0), true, 'written for every record of the index');
    const store = back[0].folderStore();
    back.forEach((r, k) => {
      const at = r.writtenPosition();
      assert.equal(at, r.folderPosition());
      if (at >= 0) assert.deepEqual(store.decode(at), source[k].folders, `record ${k}`);
    });
    // The query index warmed in slices whose deadline has passed reads no folder as an object.
    const again = reopened(source);
    const index = recordIndexOf(again);
    const { reads } = objectReads(() => {
      while (!index.warm(performance.now() + 1)) continue;
    });
    assert.equal(reads, 0);
  });

  it('codes each distinct message and folder once, and gives equal keys one key id', () => {
    // Two spellings of one message id: two messages, one key.
    const spellings = ['<Same@Host>', '<same@host>'].map((id, i) => {
      const r = normaliseAudit(
        miaAudit({ id: `s${i}`, time: '2024-03-02T10:00:00', folders: [{ path: '\\Inbox', ids: [id] }] }),
      );
      assert.equal(r.kind, 'mia');
      return r.record;
    });
    const records = decodedRecords(new Interner(), [...mixedRecords(400, 23), ...spellings]);
    const back = reopened(records);
    const store = back[0].folderStore();
    const messages = new Map<string, number>();
    const folders = new Set<string>();
    const keyIdOf = new Map<string, number>();
    const { ofMessage, count } = store.keyIds();
    for (const r of back) {
      const at = r.folderPosition();
      if (at < 0) continue;
      store.visit(at, {
        folder: (code) => {
          const f = store.folderAt(code);
          folders.add(JSON.stringify([code, f.path, f.key, f.id]));
          assert.equal(f.items.length, 0, 'a shared folder lists no message');
          assert.ok(Object.isFrozen(f));
        },
        message: (code) => {
          const m = store.messageAt(code);
          const text = JSON.stringify(m);
          assert.equal(messages.get(text) ?? code, code, `one code for ${text}`);
          messages.set(text, code);
          assert.equal(keyIdOf.get(m.key) ?? ofMessage[code], ofMessage[code], `one key id for ${m.key}`);
          keyIdOf.set(m.key, ofMessage[code]);
        },
      });
    }
    assert.equal(count, keyIdOf.size, 'distinct keys, distinct ids');
    assert.equal(new Set(keyIdOf.values()).size, keyIdOf.size);
    assert.ok(keyIdOf.size < messages.size, 'some messages share a key (an id in another case)');
    // One shared folder per path, key and id.
    const identities = [...folders].map((f) => JSON.stringify((JSON.parse(f) as unknown[]).slice(1)));
    assert.equal(new Set(identities).size, identities.length);
    assert.equal(store.folderCount, folders.size);
  });
});
