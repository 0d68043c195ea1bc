import * as assert from 'node:assert/strict';
import { Interner } from '../../../src/core/investigation/interner';
import type { SourceStats } from '../../../src/core/investigation/types';
import type { MiaRecord } from '../../../src/core/model';
import { decodeIndex } from '../../../src/core/savedIndex/decodeIndex';
import { encodeIndex } from '../../../src/core/savedIndex/encodeIndex';
import { normaliseAudit } from '../../../src/core/normalise/normaliseAudit';
import { decodedRecords, mixedRecords, plainRecords, type LooseRecord } from '../../support/codedRecords';
import { miaAudit } from '../normalise/auditBuilders';

const stats = { path: 'x.csv' } as unknown as SourceStats;
const encoded = (records: MiaRecord[]): Buffer =>
  Buffer.concat(encodeIndex({ stats, records, otherIds: [] }));

describe('saved index: loaded records encoded from the codes of their messages', () => {
  it('writes the bytes their objects write, and makes no message object', () => {
    const records = mixedRecords(500, 9);
    const interner = new Interner();
    const loaded = decodedRecords(interner, records);
    const fromCodes = encoded(loaded);
    assert.equal(interner.folderCodes.objectsMade, 0);
    // Plain records hold objects of their own: equal messages and folders are found by value.
    assert.deepEqual(fromCodes, encoded(plainRecords(records)));
    const back = decodeIndex(fromCodes, 0).records;
    assert.deepEqual(
      back.map((r) => r.folders),
      loaded.map((r) => r.folders),
    );
  });

  it('writes one message for a message met as a code and as the object the store made of it', () => {
    const records = mixedRecords(60, 2);
    const interner = new Interner();
    const loaded = decodedRecords(interner, records);
    const first = loaded.findIndex((r) => r.folders.some((f) => f.items.length > 0));
    // The same record twice: placed (its messages read as codes), and as a plain copy holding the
    // objects the store makes of them.
    const copy: MiaRecord = { ...plainRecords(records)[first], folders: loaded[first].folders };
    assert.ok(interner.folderCodes.objectsMade > 0);
    assert.deepEqual(encoded([...loaded, copy]), encoded([...loaded, loaded[first]]));
  });

  it('writes every kind of key, and an id met with another size or subject, as the objects write them', () => {
    // [id, subject, size]: keys the id itself, without its brackets, lower-cased (with and without
    // brackets, ASCII or not), and a key no kind makes (blanks around the id, trimmed); one id twice
    // with another subject, one with another size.
    const items: [string, string | undefined, number][] = [
      ['bare@host', undefined, 1],
      ['<inner@host>', 'A', 2],
      ['<Inner.Lower@Host>', 'A', 3],
      ['Lower@HOST', undefined, 4],
      ['<Ünï@Høst>', 'Ü', 5],
      [' <padded@host> ', undefined, 6],
      ['<inner@host>', 'B', 2],
      ['<Inner.Lower@Host>', 'A', 30],
    ];
    const records = items.map(([id, subject, size], i): LooseRecord => {
      const audit = miaAudit({
        id: `r${i}`,
        time: `2024-03-02T10:00:0${i}`,
        folders: [{ path: '\\Inbox', ids: [id] }],
      });
      const [item] = (audit.Folders as { FolderItems: Record<string, unknown>[] }[])[0].FolderItems;
      item.SizeInBytes = size;
      if (subject !== undefined) item.Subject = subject;
      const r = normaliseAudit(audit);
      assert.equal(r.kind, 'mia');
      return r.record;
    });
    const keys = records.map((r) => r.folders[0].items[0].key);
    assert.deepEqual(keys.slice(0, 6), [
      'bare@host',
      'inner@host',
      'inner.lower@host',
      'lower@host',
      'ünï@høst',
      'padded@host',
    ]);
    const loaded = decodedRecords(new Interner(), records);
    const fromCodes = encoded(loaded);
    assert.deepEqual(fromCodes, encoded(plainRecords(records)));
    const back = decodeIndex(fromCodes, 0).records.map((r) => r.folders[0].items[0]);
    assert.deepEqual(
      back.map((m) => [m.internetMessageId, m.key, m.subject, m.sizeInBytes]),
      records.map((r) => {
        const m = r.folders[0].items[0];
        return [m.internetMessageId, m.key, m.subject, m.sizeInBytes];
      }),
    );
  });
});
