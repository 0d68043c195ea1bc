import * as assert from 'node:assert/strict';
import { BIND_NOT_CODED, indexContexts, NOT_BIND, SYNC } from '../../../src/core/analysis/contextIndex';
import {
  boundMessageTable,
  boundMessageTableSteps,
  type BoundMessageTable,
} from '../../../src/core/analysis/messageTable';
import { compareRecords } from '../../../src/core/analysis/order';
import type { CompactRecord } from '../../../src/core/investigation/compactRecord';
import { Interner } from '../../../src/core/investigation/interner';
import type { MiaRecord } from '../../../src/core/model';
import { H, rec, T0 } from './records';

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

/** Every column and folder list of a table, as plain data. */
function plain(t: BoundMessageTable): unknown {
  const folders = Array.from({ length: t.size }, (_, i) => t.folders(i));
  const uses = Array.from({ length: t.size }, (_, i) => {
    const out: number[][] = [];
    for (let u = t.uses.firstUse(i); u >= 0; u = t.uses.nextUse(u))
      out.push([t.uses.contextOf(u), t.uses.firstRecordOf(u), t.uses.lastRecordOf(u), t.uses.countOf(u)]);
    return out;
  });
  return { ...t, order: [...t.order], uses, folders };
}

/** Counts the records a store's `visit` walks (the table read them as codes). */
function countVisits(records: readonly CompactRecord[]): { count: number } {
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
      assert.deepEqual(plain(got), plain(want));
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
    const want = plain(boundMessageTable(records, indexContexts(records)));
    assert.deepEqual(plain(boundMessageTable(mixed, indexContexts(mixed))), want);
    assert.ok(visits.count > 100, 'read as codes up to that record');
    // Step by step: the records before it were read in earlier steps.
    const steps = boundMessageTableSteps(mixed, indexContexts(mixed), 16);
    let step = steps.next();
    while (!step.done) step = steps.next();
    assert.deepEqual(plain(step.value), want);
    // Records of two investigations (two stores).
    const other = loaded(records.slice(0, 150));
    const twoStores = [...other, ...compact.slice(150)];
    assert.deepEqual(plain(boundMessageTable(twoStores, indexContexts(twoStores))), want);
  });

  it('gives each of two tables built step by step, interleaved, what it gives alone', () => {
    const interner = new Interner();
    const a = loaded(mailbox(400, 11, 'a@contoso.com'), interner);
    const b = loaded(mailbox(400, 12, 'b@contoso.com'), interner);
    const alone = [a, b].map((r) => plain(boundMessageTable(r, indexContexts(r))));
    const steps = [a, b].map((r) => boundMessageTableSteps(r, indexContexts(r), 5));
    const done: (BoundMessageTable | undefined)[] = [undefined, undefined];
    while (done.some((d) => d === undefined))
      steps.forEach((s, k) => {
        if (done[k] !== undefined) return;
        const step = s.next();
        if (step.done) done[k] = step.value;
      });
    assert.deepEqual(
      done.map((t) => plain(t as BoundMessageTable)),
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
    assert.deepEqual(plain(got), plain(want));
    assert.equal(new Set(got.key).size, got.size, 'one entry per key');
  });
});
