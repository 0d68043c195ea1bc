import * as assert from 'node:assert/strict';
import { crc32 } from 'node:zlib';
import { Interner } from '../../../src/core/investigation/interner';
import type { SourceStats } from '../../../src/core/investigation/types';
import type { MiaRecord } from '../../../src/core/model';
import { decodeIndex } from '../../../src/core/savedIndex/decodeIndex';
import { encodeIndex } from '../../../src/core/savedIndex/encodeIndex';
import { HEADER_BYTES, SavedIndexError } from '../../../src/core/savedIndex/indexFormat';
import { decodedRecords, mixedRecords, plainRecords } from '../../support/codedRecords';

const stats = { path: 'x.csv' } as unknown as SourceStats;
const encoded = (records: MiaRecord[]): Buffer =>
  Buffer.concat(encodeIndex({ stats, records, otherIds: [] }));

/** Part `i` of an index (see `frame`): its offset and length in the file. */
function part(bytes: Buffer, i: number): { offset: number; length: number } {
  return { offset: bytes.readDoubleLE(32 + 16 * i), length: bytes.readDoubleLE(40 + 16 * i) };
}

function meta(bytes: Buffer): { records: number; contexts: number; strings: number } {
  const { offset, length } = part(bytes, 0);
  return JSON.parse(bytes.toString('utf8', offset, offset + length)) as {
    records: number;
    contexts: number;
    strings: number;
  };
}

/** The index with its checksum made right again after an edit (so only the decoder's checks can refuse it). */
function resealed(bytes: Buffer): Buffer {
  bytes.writeUInt32LE(crc32(bytes.subarray(HEADER_BYTES)), 16);
  return bytes;
}

// Parts of an index (see `encodeSteps`): each record's id, its GUID words, its context row, and
// the rows' string references.
const RECORD_IDS = 6;
const RECORD_GUIDS = 7;
const RECORD_CONTEXTS = 8;
const CONTEXT_STRINGS = 9;

/** What a record is, as its JSON and provenance say (every field, absent ones absent). */
const valuesOf = (r: MiaRecord): string => JSON.stringify([r, r.provenance]);

describe('saved index: values records share with their session are saved once per distinct set', () => {
  it('holds one context row per distinct set of shared values, from codes and from objects alike', () => {
    const records = mixedRecords(400, 7);
    const shared = new Set(
      plainRecords(records).map((r) =>
        JSON.stringify([
          r.mailbox,
          r.mailboxKey,
          r.mailboxGuid,
          r.actor,
          r.sessionId,
          r.ip,
          r.clientInfo,
          r.appId,
          r.clientAppId,
          r.organizationId,
          r.tokenTenantId,
          r.originatingServer,
          r.logonType,
          r.userType,
          r.recordType,
        ]),
      ),
    );
    assert.ok(shared.size > 1 && shared.size < records.length / 10, `${shared.size} sets in the fixture`);
    const loaded = decodedRecords(new Interner(), records);
    for (const rs of [plainRecords(records), loaded]) {
      const bytes = encoded(rs);
      assert.equal(meta(bytes).contexts, shared.size);
      assert.deepEqual(decodeIndex(bytes, 0).records.map(valuesOf), rs.map(valuesOf));
    }
  });

  it("gives back a session's numbers and a record's own, absent or zero, exactly as written", () => {
    const [base] = plainRecords(mixedRecords(1, 3));
    const variants: MiaRecord[] = [
      { ...base, id: 'a', logonType: 0, userType: undefined, recordType: 50, operationCount: 2 },
      { ...base, id: 'b', logonType: undefined, userType: 0, recordType: 50, operationCount: undefined },
      { ...base, id: 'c', logonType: 0, userType: undefined, recordType: 50, operationCount: 0 },
      { ...base, id: 'd', logonType: 2.5, userType: -1, recordType: 1e20, operationCount: 7 },
      { ...base, id: 'e', logonType: undefined, userType: undefined, recordType: undefined },
      { ...base, id: 'f', logonType: -0, userType: undefined, recordType: 50, operationCount: -0 },
    ];
    const bytes = encoded(variants);
    // a and c share every shared value; the others differ in one of the session's numbers (f's
    // logon type is -0, a's 0).
    assert.equal(meta(bytes).contexts, 5);
    const back = decodeIndex(bytes, 0).records;
    assert.deepEqual(back.map(valuesOf), variants.map(valuesOf));
    assert.equal(back[1].logonType, undefined);
    assert.equal(back[0].logonType, 0);
    assert.equal(back[2].operationCount, 0);
    assert.equal(back[1].operationCount, undefined);
    assert.ok(Object.is(back[5].logonType, -0) && Object.is(back[0].logonType, 0), 'the sign of a zero');
    assert.ok(Object.is(back[5].operationCount, -0));
  });

  it('refuses an index whose record names a context row it lacks, or whose row names a missing string', () => {
    const bytes = encoded(plainRecords(mixedRecords(50, 11)));
    const rows = meta(bytes).contexts;
    assert.equal(decodeIndex(bytes, 0).records.length, 50, 'the index as written is read');

    const badRecord = Buffer.from(bytes);
    badRecord.writeInt32LE(rows, part(badRecord, RECORD_CONTEXTS).offset + 4 * 10);
    assert.throws(() => decodeIndex(resealed(badRecord), 0), SavedIndexError);

    const badRow = Buffer.from(bytes);
    // A row's mailbox (its first string) far past the string table.
    badRow.writeInt32LE(1 << 30, part(badRow, CONTEXT_STRINGS).offset);
    assert.throws(() => decodeIndex(resealed(badRow), 0), SavedIndexError);

    const badOptional = Buffer.from(bytes);
    // A row's last optional string (originating server): neither a string nor "none".
    const strings = part(badOptional, CONTEXT_STRINGS);
    badOptional.writeInt32LE(-7, strings.offset + strings.length - 4);
    assert.throws(() => decodeIndex(resealed(badOptional), 0), SavedIndexError);
  });
});

describe('saved index: record ids that are lower-case GUIDs are saved as 16 bytes', () => {
  const guid = '0f8e7d6c-5b4a-4392-8170-a1b2c3d4e5f6';
  it('saves them as words, not text, and gives every id back as written', () => {
    const [base] = plainRecords(mixedRecords(1, 5));
    const ids = [
      guid,
      guid.toUpperCase(),
      `${guid.slice(0, -1)}G`,
      'r1',
      '',
      '00000000-0000-0000-0000-000000000000',
    ];
    const records = ids.map((id): MiaRecord => ({ ...base, id }));
    const bytes = encoded(records);
    const back = decodeIndex(bytes, 0).records;
    assert.deepEqual(
      back.map((r) => r.id),
      ids,
    );
    const guids = part(bytes, RECORD_GUIDS);
    assert.equal(guids.length, 16 * ids.length);
    // The lower-case GUIDs (the first and the last) are not in the string table; the others are.
    const at = bytes.byteOffset + part(bytes, RECORD_IDS).offset;
    const refs = new Int32Array(bytes.buffer.slice(at, at + 4 * ids.length));
    assert.deepEqual(
      [...refs.subarray(0, ids.length)].map((r) => r < 0),
      [true, false, false, false, false, true],
    );
    const asText = encoded(records.map((r, i) => ({ ...r, id: `x${i}` })));
    assert.equal(meta(bytes).strings, meta(asText).strings - 2);
  });

  it("reads a loaded record's GUID id from its column as the text it was", () => {
    const records = mixedRecords(40, 13).map((r, i) => ({
      ...r,
      id: guid.slice(0, -2) + (10 + i).toString(),
    }));
    const loaded = decodedRecords(new Interner(), records);
    assert.ok(
      loaded.every((r) => r.holdsGuidId()),
      'the loaded records hold their ids as GUIDs',
    );
    const bytes = encoded(loaded);
    assert.deepEqual(encoded(plainRecords(records)), bytes, 'the same bytes as from the ids as text');
    assert.deepEqual(
      decodeIndex(bytes, 0).records.map((r) => r.id),
      records.map((r) => r.id),
    );
  });

  it('refuses an index whose record id is neither a string nor a GUID', () => {
    const bytes = encoded(plainRecords(mixedRecords(20, 17)));
    bytes.writeInt32LE(-3, part(bytes, RECORD_IDS).offset + 4 * 5);
    assert.throws(() => decodeIndex(resealed(bytes), 0), SavedIndexError);
  });
});
