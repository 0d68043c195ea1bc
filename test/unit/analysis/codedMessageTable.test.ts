import * as assert from 'node:assert/strict';
import { BIND_NOT_CODED, indexContexts, NOT_BIND, SYNC } from '../../../src/core/analysis/contextIndex';
import {
  boundMessageTable,
  boundMessageTableSteps,
  type BoundMessageTable,
} from '../../../src/core/analysis/messageTable';
import { compareRecords } from '../../../src/core/analysis/order';
import type { CodedRecord } from '../../../src/core/investigation/codedRecord';
import type { CompactRecord } from '../../../src/core/investigation/compactRecord';
import { objectReads, reopened } from '../../support/codedRecords';
import { Interner } from '../../../src/core/investigation/interner';
import type { MiaRecord } from '../../../src/core/model';
import { H, rec, T0 } from './records';
import { plainTable } from './plainTable';
import { boundMessageSummary } from '../../../src/core/analysis/messageSummary';

/** A seeded source of integers in [0, k) whose low bits vary too (mulberry32). */
function prng(seed: number): (k: number) => number {
  let a = seed >>> 0;
  return (k) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (((t ^ (t >>> 14)) >>> 0) % k) | 0;
  };
}

/** Records of one mailbox, in time order: ids in two cases, same ids with other sizes/subjects. */
function mailbox(n: number, seed: number, mailboxName = 'victim@contoso.com'): MiaRecord[] {
  const next = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[next(xs.length)];
  const records: MiaRecord[] = [];
  for (let i = 0; i < n; i++) {
    const folders = Array.from({ length: next(3) }, () => {
      const ids = Array.from({ length: next(4) }, () =>
        pick(['<A@x>', 'a@x', 'b@x', '<C@X>', 'c@x', `m${next(40)}@y`, `<M${next(40)}@Y>`]),
      );
      return {
        path: pick(['\\Inbox', 'Inbox', '\\Archive', 'Z', '\\a']),
        ids,
        subjects: ids.map(() => pick([undefined, 'Payroll', 'payroll'])),
        sizes: ids.map(() => pick([undefined, 10, 20])),
      } as { path: string; ids: string[]; subjects?: string[]; sizes?: number[] };
    });
    records.push(
      rec({
        mailbox: mailboxName,
        timeMs: T0 + next(60) * (H / 4),
        access: pick(['Bind', 'Bind', 'Bind', 'Sync'] as const),
        session: pick(['s1', 's2', undefined]),
        ip: pick(['10.0.0.1', '10.0.0.2']),
        folders,
      }),
    );
  }
  return records.sort(compareRecords);
}

/** The records loaded through `interner`: placed `CompactRecord`s, their folders written as codes. */
function loaded(records: readonly MiaRecord[], interner = new Interner()): CompactRecord[] {
  return records.map((r) => {
    const { provenance, ...rest } = JSON.parse(JSON.stringify(r)) as MiaRecord;
    const c = interner.compact(rest);
    c.place(provenance.line, provenance.offset, provenance.length);
    return c;
  });
}

/** Counts the records a store's `visit` walks (the table read them as codes). */
function countVisits(records: readonly CodedRecord[]): { count: number } {
  const store = records.find((r) => r.folderPosition() >= 0)?.folderStore();
  assert.ok(store, 'some records are written as codes');
  const visits = { count: 0 };
  const visit = store.visit.bind(store);
  store.visit = (at, visitor) => {
    visits.count++;
    visit(at, visitor);
  };
  return visits;
}

describe('analysis: message table of loaded records (read as codes)', () => {
  for (const seed of [1, 2, 3]) {
    it(`equals the table of the same records as plain objects (seed ${seed})`, () => {
      const records = mailbox(500, seed);
      const compact = loaded(records);
      const visits = countVisits(compact);
      const want = boundMessageTable(records, indexContexts(records));
      const got = boundMessageTable(compact, indexContexts(compact));
      const withItems = compact.filter((r) => r.accessType === 'Bind' && r.folderPosition() >= 0).length;
      assert.equal(visits.count, withItems, 'every placed Bind record read as codes');
      assert.ok(want.size > 30, `${want.size} messages`);
      assert.deepEqual(plainTable(got), plainTable(want));
    });
  }

  for (const seed of [4, 5]) {
    it(`reads records reopened from a saved index as codes too, with the same table (seed ${seed})`, () => {
      const records = mailbox(500, seed);
      const back = reopened(loaded(records));
      const visits = countVisits(back);
      const want = boundMessageTable(records, indexContexts(records));
      const { result: got, reads } = objectReads(() => boundMessageTable(back, indexContexts(back)));
      const withItems = back.filter((r) => r.accessType === 'Bind' && r.folders.some((f) => f.items.length));
      assert.ok(withItems.length > 200);
      assert.equal(reads, 0, 'no folders read as objects');
      assert.ok(visits.count >= withItems.length, 'every Bind record listing a message read as codes');
      assert.deepEqual(plainTable(got), plainTable(want));
      const summary = objectReads(() => boundMessageSummary(back, indexContexts(back)));
      assert.equal(summary.reads, 0);
      assert.deepEqual(summary.result, summaryOf(want));
    });
  }

  it("the context index holds each Bind record's folder position in the first placed record's store", () => {
    const records = mailbox(200, 5);
    const compact = loaded(records);
    const other = loaded(records.slice(0, 20));
    const mixed: MiaRecord[] = [...compact.slice(0, 100), ...other, records[150], ...compact.slice(100)];
    const index = indexContexts(mixed);
    const store = compact.find((r) => r.folderPosition() >= 0)?.folderStore();
    assert.ok(store !== undefined && index.folderStore === store);
    const want = mixed.map((r) => {
      if (r.accessType === 'Sync') return SYNC;
      if (r.accessType !== 'Bind') return NOT_BIND;
      const c = r as CompactRecord;
      return 'folderPosition' in r && c.folderPosition() >= 0 && c.folderStore() === store
        ? c.folderPosition()
        : BIND_NOT_CODED;
    });
    assert.deepEqual([...index.folderAt], want);
    assert.ok(
      want.filter((at) => at >= 0).length > 50 && want.filter((at) => at === BIND_NOT_CODED).length > 5,
    );
    // Plain records: none is placed.
    const plainIndex = indexContexts(records);
    assert.equal(plainIndex.folderStore, undefined);
    assert.ok(plainIndex.folderAt.every((at) => at === SYNC || at === BIND_NOT_CODED));
  });

  it('starts again from the objects, with the same table, at a record not placed or of another store', () => {
    const records = mailbox(300, 7);
    const compact = loaded(records);
    // A Bind record listing messages that was never placed keeps its list: one late in the list, so
    // that the table has read many records as codes before it meets it.
    const listing = records.flatMap((r, p) =>
      r.accessType === 'Bind' && r.folders.some((f) => f.items.length > 0) ? [p] : [],
    );
    const i = listing[listing.length - 3];
    assert.ok(i > 200);
    const { provenance, ...rest } = JSON.parse(JSON.stringify(records[i])) as MiaRecord;
    const unplaced = new Interner().compact(rest);
    Object.defineProperty(unplaced, 'provenance', { value: provenance });
    const mixed: MiaRecord[] = [...compact];
    mixed[i] = unplaced;
    const visits = countVisits(compact);
    const want = plainTable(boundMessageTable(records, indexContexts(records)));
    assert.deepEqual(plainTable(boundMessageTable(mixed, indexContexts(mixed))), want);
    assert.ok(visits.count > 100, 'read as codes up to that record');
    // Step by step: the records before it were read in earlier steps.
    const steps = boundMessageTableSteps(mixed, indexContexts(mixed), 16);
    let step = steps.next();
    while (!step.done) step = steps.next();
    assert.deepEqual(plainTable(step.value), want);
    // Records of two investigations (two stores).
    const other = loaded(records.slice(0, 150));
    const twoStores = [...other, ...compact.slice(150)];
    assert.deepEqual(plainTable(boundMessageTable(twoStores, indexContexts(twoStores))), want);
    // The summary reads them so too, and says what the table says.
    const table = boundMessageTable(records, indexContexts(records));
    for (const list of [mixed, twoStores])
      assert.deepEqual(boundMessageSummary(list, indexContexts(list)), summaryOf(table));
  });

  it('gives each of two tables built step by step, interleaved, what it gives alone', () => {
    const interner = new Interner();
    const a = loaded(mailbox(400, 11, 'a@contoso.com'), interner);
    const b = loaded(mailbox(400, 12, 'b@contoso.com'), interner);
    const alone = [a, b].map((r) => plainTable(boundMessageTable(r, indexContexts(r))));
    const steps = [a, b].map((r) => boundMessageTableSteps(r, indexContexts(r), 5));
    const done: (BoundMessageTable | undefined)[] = [undefined, undefined];
    while (done.some((d) => d === undefined))
      steps.forEach((s, k) => {
        if (done[k] !== undefined) return;
        const step = s.next();
        if (step.done) done[k] = step.value;
      });
    assert.deepEqual(
      done.map((t) => plainTable(t as BoundMessageTable)),
      alone,
    );
  });

  it('finds a message of an earlier load by its key when a later load lists it again', () => {
    const interner = new Interner();
    const first = loaded(mailbox(200, 21), interner);
    interner.forgetMessages();
    const second = loaded(mailbox(200, 22), interner);
    const all = [...first, ...second].sort(compareRecords);
    const visits = countVisits(all);
    const want = boundMessageTable(
      all.map((r) => ({ ...r.toJSON() })),
      indexContexts(all),
    );
    const got = boundMessageTable(all, indexContexts(all));
    assert.ok(visits.count > 0);
    assert.deepEqual(plainTable(got), plainTable(want));
    assert.equal(
      new Set(Array.from({ length: got.size }, (_, i) => got.key(i))).size,
      got.size,
      'one entry per key',
    );
  });
});

/** What `boundMessageSummary` must say of the records `table` was built from. */
function summaryOf(table: BoundMessageTable): { size: number; firstRecord: number; lastRecord: number } {
  if (table.size === 0) return { size: 0, firstRecord: -1, lastRecord: -1 };
  return {
    size: table.size,
    firstRecord: Math.min(...table.firstRecord),
    lastRecord: Math.max(...table.lastRecord),
  };
}

describe('analysis: message summary (the table’s size and span without the table)', () => {
  for (const seed of [1, 2, 3, 4]) {
    it(`says what the table says, of plain and of loaded records (seed ${seed})`, () => {
      const records = mailbox(300, seed);
      const compact = loaded(records);
      const want = summaryOf(boundMessageTable(records, indexContexts(records)));
      assert.ok(want.size > 10 && want.firstRecord >= 0 && want.lastRecord > want.firstRecord);
      assert.deepEqual(boundMessageSummary(records, indexContexts(records)), want);
      const visits = countVisits(compact);
      assert.deepEqual(boundMessageSummary(compact, indexContexts(compact)), want);
      assert.ok(visits.count > 0, 'loaded records are read as codes');
    });
  }

  it('counts each mailbox afresh when summaries of two mailboxes of one store follow each other', () => {
    const interner = new Interner();
    const a = loaded(mailbox(300, 31, 'a@contoso.com'), interner);
    const b = loaded(mailbox(300, 32, 'b@contoso.com'), interner);
    for (const list of [a, b, a])
      assert.deepEqual(
        boundMessageSummary(list, indexContexts(list)),
        summaryOf(boundMessageTable(list, indexContexts(list))),
      );
  });

  it('a mailbox without a Bind record listing a message: none, no span', () => {
    const records = mailbox(100, 6).filter((r) => r.accessType !== 'Bind');
    assert.deepEqual(
      boundMessageSummary(records, indexContexts(records)),
      summaryOf(boundMessageTable(records, indexContexts(records))),
    );
    assert.equal(boundMessageSummary(records, indexContexts(records)).size, 0);
  });
});
