import * as assert from 'node:assert/strict';
import { Interner } from '../../../src/core/investigation/interner';
import type { SourceStats } from '../../../src/core/investigation/types';
import type { MiaRecord } from '../../../src/core/model';
import { decodeIndex } from '../../../src/core/savedIndex/decodeIndex';
import { encodeIndex } from '../../../src/core/savedIndex/encodeIndex';
import { decodedRecords, mixedRecords, plainRecords } from '../../support/codedRecords';

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
});
