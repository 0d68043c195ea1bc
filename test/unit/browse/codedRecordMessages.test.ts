import * as assert from 'node:assert/strict';
import { buildMailboxModel } from '../../../src/core/browse/mailboxModel';
import { RecordMessages } from '../../../src/core/browse/recordMessages';
import { buildSessionModel } from '../../../src/core/browse/sessionModel';
import { Interner } from '../../../src/core/investigation/interner';
import { decodedRecords, mixedRecords, plainRecords } from '../../support/codedRecords';

/** Every value a walker hands over for the records, one line a message. */
function walked(records: readonly Parameters<RecordMessages['forEach']>[0][]): string[] {
  const walker = new RecordMessages();
  const lines: string[] = [];
  records.forEach((r, i) =>
    walker.forEach(r, (f, key, id, subject, size) =>
      lines.push(JSON.stringify([i, f.key, f.path, key, id, subject ?? null, size ?? null])),
    ),
  );
  return lines;
}

describe('browse: the messages of loaded records, read as codes', () => {
  const records = mixedRecords(300, 5);

  it('hands over what the records’ folders list, in order, making no message object', () => {
    const interner = new Interner();
    const loaded = decodedRecords(interner, records);
    const fromCodes = walked(loaded);
    assert.equal(interner.folderCodes.objectsMade, 0);
    assert.deepEqual(fromCodes, walked(plainRecords(records)));
    assert.ok(fromCodes.length > 300, 'messages are listed');
    assert.ok(
      fromCodes.some((line) => line.includes('"Subject')),
      'subjects are among them',
    );
  });

  it('builds the mailbox and session trees their objects build, making no message object', () => {
    const interner = new Interner();
    const loaded = decodedRecords(interner, records);
    const plain = plainRecords(records);
    assert.deepEqual(buildMailboxModel(loaded), buildMailboxModel(plain));
    assert.deepEqual(buildSessionModel(loaded), buildSessionModel(plain));
    const evil = (r: { sessionId?: string }) => r.sessionId === 's2';
    assert.deepEqual(buildMailboxModel(loaded, evil), buildMailboxModel(plain, evil));
    assert.equal(interner.folderCodes.objectsMade, 0);
  });
});
