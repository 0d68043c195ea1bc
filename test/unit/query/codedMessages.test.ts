import * as assert from 'node:assert/strict';
import type { MessageMetadata, MessageMetadataIndex } from '../../../src/core/enrich/enrichTypes';
import { Interner } from '../../../src/core/investigation/interner';
import { MessageText } from '../../../src/core/query/messageText';
import { cellText } from '../../../src/core/query/recordColumns';
import { decodedRecords, MIXED_MESSAGE_IDS, mixedRecords, plainRecords } from '../../support/codedRecords';

/** Metadata naming a subject for some message keys. */
const metadata: MessageMetadataIndex = {
  sources: [],
  size: 0,
  get: (key: string): MessageMetadata | undefined =>
    key.endsWith('7@host') ? ({ subject: `Known ${key}` } as MessageMetadata) : undefined,
};

describe('query: loaded records read as codes of their messages', () => {
  const records = mixedRecords(400, 11);
  const plain = plainRecords(records);

  it('give the grid the subject, item and folder cells their objects give, making no message object', () => {
    const interner = new Interner();
    const coded = decodedRecords(interner, records);
    assert.ok(coded.filter((c) => c.folderPosition() >= 0).length > 200, 'most are written as codes');
    for (const column of ['subject', 'items', 'folders'] as const)
      coded.forEach((c, i) =>
        assert.equal(
          cellText(c, column, metadata),
          cellText(plain[i], column, metadata),
          `${column} of r${i}`,
        ),
      );
    assert.ok(
      plain.some((r) => cellText(r, 'subject', metadata).startsWith('Known')),
      'a subject from the metadata is among them',
    );
    assert.ok(plain.some((r) => /^Subject \d+ \(\+\d+\)$/.test(cellText(r, 'subject'))));
    assert.equal(interner.folderCodes.objectsMade, 0);
  });

  it('give the text filter the messages and hits their objects give, making no message object', () => {
    const interner = new Interner();
    const coded = decodedRecords(interner, records);
    const fromCodes = new MessageText().extend(coded);
    // Each plain record holds objects of its own: one entry per listing there.
    const fromObjects = new MessageText().extend(plain);
    assert.equal(interner.folderCodes.objectsMade, 0);
    assert.equal(fromCodes.messages, MIXED_MESSAGE_IDS, 'each distinct message once');
    for (const needle of ['msg.3@host.example', 'msg.1', 'subject 5', 'host', 'absent']) {
      const a = new Uint8Array(coded.length);
      const b = new Uint8Array(coded.length);
      assert.equal(fromCodes.search(needle, a), fromObjects.search(needle, b), needle);
      assert.deepEqual([...a], [...b], needle);
    }
  });
});
