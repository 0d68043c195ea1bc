import * as assert from 'node:assert/strict';
import type { MessageMetadata, MessageMetadataIndex } from '../../../src/core/enrich/enrichTypes';
import type { CompactRecord } from '../../../src/core/investigation/compactRecord';
import { Interner } from '../../../src/core/investigation/interner';
import type { MiaRecord } from '../../../src/core/model';
import { normaliseAudit } from '../../../src/core/normalise/normaliseAudit';
import { MessageText } from '../../../src/core/query/messageText';
import { cellText } from '../../../src/core/query/recordColumns';
import { RowBatchWriter } from '../../../src/core/worker/rowBatch';
import { RowBatchReader } from '../../../src/core/worker/rowBatchReader';
import { miaAudit } from '../normalise/auditBuilders';

type Loose = Omit<MiaRecord, 'provenance'>;

/**
 * Normalised records naming messages from a small pool (ids with capitals, some with a subject of
 * their own), in one to three folders, some item-less, and a few Sync records.
 */
function normalised(n: number, seed: number): Loose[] {
  const next = mulberry32(seed);
  const ids = Array.from({ length: 40 }, (_, m) =>
    m % 3 === 0 ? `<Msg.${m}@Host.Example>` : `<msg.${m}@host>`,
  );
  return Array.from({ length: n }, (_, i) => {
    const sync = next(6) === 0;
    const folders = Array.from({ length: 1 + next(3) }, (_, f) => ({
      path: pick(next, ['\\Inbox', '\\Archive', '\\Sent Items', 'Boîte de réception']),
      ids: f === 1 ? [] : Array.from({ length: next(4) }, () => pick(next, ids)),
    }));
    const audit = miaAudit({
      id: `r${i}`,
      time: '2024-03-01T10:00:00',
      folders,
      access: sync ? 'Sync' : undefined,
    });
    for (const folder of (audit.Folders as { FolderItems?: Record<string, unknown>[] }[]) ?? [])
      for (const item of folder.FolderItems ?? []) {
        const m = ids.indexOf(item.InternetMessageId as string);
        if (m % 4 === 1) item.Subject = `Subject ${m}`;
      }
    const r = normaliseAudit(audit);
    assert.equal(r.kind, 'mia');
    return r.record;
  });
}

/** `next(k)`: an integer in [0, k) from a seeded source (mulberry32: every bit varies). */
function mulberry32(seed: number): (k: number) => number {
  let a = seed;
  return (k) => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * k);
  };
}

const pick = <T>(next: (k: number) => number, xs: readonly T[]): T => xs[next(xs.length)];

/** The records as a load keeps them: decoded by the interner's reader from a row batch, placed. */
function loaded(interner: Interner, records: Loose[]): CompactRecord[] {
  const writer = new RowBatchWriter();
  records.forEach((r, i) => writer.result(i + 1, i, 1, { kind: 'mia', record: r }));
  const out: CompactRecord[] = [];
  new RowBatchReader(interner).readInto(writer.take(), {
    record: (_line, _offset, _length, r) => {
      const c = r as CompactRecord;
      c.place(out.length + 1, out.length, 1);
      out.push(c);
    },
    other: () => assert.fail('no other rows'),
    error: () => assert.fail('no errors'),
    rejected: () => assert.fail('no rejected rows'),
  });
  return out;
}

/** Metadata naming a subject for some message keys. */
const metadata: MessageMetadataIndex = {
  sources: [],
  size: 0,
  get: (key: string): MessageMetadata | undefined =>
    key.endsWith('7@host') ? ({ subject: `Known ${key}` } as MessageMetadata) : undefined,
};

describe('query: loaded records read as codes of their messages', () => {
  const records = normalised(400, 11);
  const plain: MiaRecord[] = records.map((r, i) => ({
    ...r,
    provenance: { sourceIndex: 0, line: i + 1, offset: i, length: 1 },
  }));

  it('give the grid the subject, item and folder cells their objects give, making no message object', () => {
    const interner = new Interner();
    const coded = loaded(interner, records);
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
    const coded = loaded(interner, records);
    const fromCodes = new MessageText().extend(coded);
    // Each plain record holds objects of its own: one entry per listing there.
    const fromObjects = new MessageText().extend(plain);
    assert.equal(interner.folderCodes.objectsMade, 0);
    assert.equal(fromCodes.messages, 40, 'each distinct message once');
    for (const needle of ['msg.3@host.example', 'msg.1', 'subject 5', 'host', 'absent']) {
      const a = new Uint8Array(coded.length);
      const b = new Uint8Array(coded.length);
      assert.equal(fromCodes.search(needle, a), fromObjects.search(needle, b), needle);
      assert.deepEqual([...a], [...b], needle);
    }
  });
});
