import * as assert from 'node:assert/strict';
import type { CompactRecord } from '../../src/core/investigation/compactRecord';
import type { Interner } from '../../src/core/investigation/interner';
import type { FolderRef, MiaRecord } from '../../src/core/model';
import type { SourceStats } from '../../src/core/investigation/types';
import { decodeIndex } from '../../src/core/savedIndex/decodeIndex';
import { encodeIndex } from '../../src/core/savedIndex/encodeIndex';
import { StoredRecord } from '../../src/core/savedIndex/recordStore';
import { normaliseAudit } from '../../src/core/normalise/normaliseAudit';
import { RowBatchWriter } from '../../src/core/worker/rowBatch';
import { RowBatchReader } from '../../src/core/worker/rowBatchReader';
import { miaAudit } from '../unit/normalise/auditBuilders';
import { pick as choose, prng } from './seededChoice';

/** A normalised record before loading (no provenance yet). */
export type LooseRecord = Omit<MiaRecord, 'provenance'>;

/**
 * The records as a load keeps them: written to a row batch as a worker does, decoded by `interner`'s
 * reader (messages held as codes of its folder store), placed in order.
 */
export function decodedRecords(interner: Interner, records: readonly LooseRecord[]): CompactRecord[] {
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

/** `records` as plain objects with a provenance (their folders and messages their own objects). */
export function plainRecords(records: readonly LooseRecord[]): MiaRecord[] {
  return records.map((r, i) => ({ ...r, provenance: { sourceIndex: 0, line: i + 1, offset: i, length: 1 } }));
}

/** Number of distinct message ids `mixedRecords` draws from. */
export const MIXED_MESSAGE_IDS = 40;

/**
 * `n` normalised records of two mailboxes and three sessions naming messages from a pool of
 * `MIXED_MESSAGE_IDS` ids (a third with capitals, some with a subject of their own), in one to
 * three folders, some item-less, at times over a day; about one in six a Sync.
 */
export function mixedRecords(n: number, seed: number): LooseRecord[] {
  const next = prng(seed);
  const pick = <T>(xs: readonly T[]): T => choose(next, xs);
  const ids = Array.from({ length: MIXED_MESSAGE_IDS }, (_, m) =>
    m % 3 === 0 ? `<Msg.${m}@Host.Example>` : `<msg.${m}@host>`,
  );
  return Array.from({ length: n }, (_, i) => {
    const sync = next(6) === 0;
    const folders = Array.from({ length: 1 + next(3) }, (_, f) => ({
      path: pick(['\\Inbox', '\\Archive', '\\Sent Items', 'Boîte de réception']),
      ids: f === 1 ? [] : Array.from({ length: next(4) }, () => pick(ids)),
    }));
    const audit = miaAudit({
      id: `r${i}`,
      time: new Date(Date.UTC(2024, 2, 1) + next(86_400) * 1000).toISOString().slice(0, 19),
      mailbox: pick(['ann@contoso.com', 'bob@contoso.com']),
      session: pick(['s1', 's2', 's3']),
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

/**
 * Counts the reopened records whose `folders` are read while `run` runs and list a message (read as
 * objects: a reader of codes reads only those of records without messages).
 */
export function objectReads<T>(run: () => T): { result: T; reads: number } {
  const descriptor = Object.getOwnPropertyDescriptor(StoredRecord.prototype, 'folders') as PropertyDescriptor;
  let reads = 0;
  Object.defineProperty(StoredRecord.prototype, 'folders', {
    configurable: true,
    get(this: StoredRecord) {
      const folders = (descriptor.get as () => FolderRef[]).call(this);
      if (folders.some((f) => f.items.length > 0)) reads++;
      return folders;
    },
  });
  try {
    return { result: run(), reads };
  } finally {
    Object.defineProperty(StoredRecord.prototype, 'folders', descriptor);
  }
}

/** `records` saved to an index and read back: `StoredRecord`s over its columns. */
export function reopened(records: readonly MiaRecord[]): StoredRecord[] {
  const stats = { path: 'x.csv' } as unknown as SourceStats;
  const back = decodeIndex(
    Buffer.concat(encodeIndex({ stats, records: [...records], otherIds: [] })),
    0,
  ).records;
  assert.ok(back.every((r) => r instanceof StoredRecord));
  return back.filter((r) => r instanceof StoredRecord);
}
