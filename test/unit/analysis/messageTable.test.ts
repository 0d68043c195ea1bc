import * as assert from 'node:assert/strict';
import { indexContexts } from '../../../src/core/analysis/contextIndex';
import { ContextTally } from '../../../src/core/analysis/contexts';
import { boundMessages } from '../../../src/core/analysis/messages';
import { boundMessageTable, boundMessageTableSteps } from '../../../src/core/analysis/messageTable';
import { compareRecords, compareText } from '../../../src/core/analysis/order';
import { sessionSummaries } from '../../../src/core/analysis/sessions';
import { syncedFolders } from '../../../src/core/analysis/syncedFolders';
import type { MiaRecord } from '../../../src/core/model';
import { formatUtc } from '../../../src/core/normalise/time';
import {
  contextValues,
  messageUses,
  type ContextValues,
  type SingleContextValues,
} from '../../../src/core/report/contextValues';
import { ByteText } from '../../../src/core/report/byteText';
import { RecordTimes, utcText, writeUtc } from '../../../src/core/report/utcText';
import { plainTable } from './plainTable';
import { H, rec, T0 } from './records';
import { prng } from '../../support/seededChoice';

/** One mailbox's records, in time order, with many ties, repeated messages and contexts. */
function mailbox(n: number, seed: number): MiaRecord[] {
  const next = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[next(xs.length)];
  const records: MiaRecord[] = [];
  for (let i = 0; i < n; i++) {
    const ids = Array.from({ length: next(4) }, () =>
      pick(['<A@x>', 'a@x', 'b@x', '<C@X>', 'd@x', 'e@x', 'f@x']),
    );
    // Now and then a message listed by this record alone: one context.
    if (next(8) === 0) ids.push(`<only.${i}@x>`);
    const folders = Array.from({ length: next(3) }, () => ({
      path: pick(['\\Inbox', 'Inbox', '\\Archive', 'Z', '\\a']),
      ids,
      subjects: ids.map(() => pick(['', 'Payroll', 'payroll'])),
      sizes: ids.map(() => next(100)),
    }));
    records.push(
      rec({
        timeMs: T0 + next(40) * (H / 4),
        access: pick(['Bind', 'Bind', 'Bind', 'Sync', 'Unknown'] as const),
        session: next(4) === 0 ? undefined : pick(['s1', 's2', 'S3']),
        ip: next(5) === 0 ? undefined : pick(['10.0.0.1', '10.0.0.2']),
        client: pick(['OWA', 'REST', undefined]),
        appId: pick(['app-b', 'app-a', undefined]),
        clientAppId: pick(['app-a', 'app-c', undefined]),
        actor: pick(['me', 'them']),
        folders,
      }),
    );
    // Subjects and sizes the first listing lacks must come from later records.
    if (next(3) === 0) for (const f of records[i].folders) for (const m of f.items) delete m.subject;
  }
  return records.sort(compareRecords);
}

describe('analysis: message table and context index (the report fast path)', () => {
  for (const seed of [1, 2, 3, 4]) {
    const records = mailbox(400, seed);
    const contexts = indexContexts(records);
    const times = new RecordTimes(records);

    it(`contexts equal a ContextTally over the same records (seed ${seed})`, () => {
      const tally = new ContextTally();
      for (const r of records) tally.add(r);
      assert.deepEqual(contexts.contexts, tally.contexts());
      records.forEach((r, p) => {
        const c = contexts.contexts[contexts.ofRecord[p]];
        assert.equal(c.sessionId, r.sessionId);
        assert.equal(c.ip, r.ip);
        assert.equal(c.clientInfo, r.clientInfo);
      });
      assert.deepEqual(
        [...(contexts.timeMs ?? [])],
        records.map((r) => r.timeMs),
        "each record's time, by position",
      );
      const byKey = [...contexts.contexts].sort((a, b) => compareText(a.key, b.key));
      byKey.forEach((c, rank) => assert.equal(contexts.keyRank[contexts.contexts.indexOf(c)], rank));
    });

    it(`messages equal boundMessages, field by field (seed ${seed})`, () => {
      const table = boundMessageTable(records, contexts);
      const want = boundMessages(records);
      const ids = new Map(contexts.contexts.map((c, i) => [c.key, i]));
      assert.equal(table.size, want.length);
      const shared: SingleContextValues = [];
      const sharedByContext = new Map<number, ContextValues>();
      let singles = 0;
      [...table.order].forEach((i, k) => {
        const m = want[k];
        assert.equal(table.key(i), m.key);
        assert.equal(table.internetMessageId(i), m.internetMessageId);
        assert.deepEqual(table.folders(i), m.folders);
        assert.equal(records[table.firstRecord[i]].timeMs, m.firstAccessMs);
        assert.equal(records[table.lastRecord[i]].timeMs, m.lastAccessMs);
        assert.equal(records[table.firstRecord[i]], m.firstRecord);
        assert.equal(table.accessCount[i], m.accessCount);
        assert.equal(table.sizeInBytes(i), m.sizeInBytes);
        assert.equal(table.subject(i), m.subject);
        const values = contextValues(table.uses, i, contexts.contexts);
        assert.deepEqual(values.sessions, m.sessions);
        assert.deepEqual(values.ips, m.ips);
        assert.deepEqual(values.clients, m.clients);
        assert.deepEqual(values.appIds, [...new Set([...m.appIds, ...m.clientAppIds])].sort(compareText));
        // Shared lists (messages of one context): the same values, one frozen object per context.
        const sharedValues = contextValues(table.uses, i, contexts.contexts, shared);
        assert.deepEqual({ ...sharedValues }, { ...values });
        if (table.uses.single(i)) {
          const c = table.uses.contextOf(table.uses.firstUse(i));
          const before = sharedByContext.get(c);
          if (before) assert.equal(sharedValues, before, 'one lists object per context');
          sharedByContext.set(c, sharedValues);
          assert.ok(Object.isFrozen(sharedValues.sessions) && Object.isFrozen(sharedValues.appIds));
          assert.throws(() => sharedValues.ips.push('x'), TypeError);
          singles++;
        } else {
          assert.ok(!Object.isFrozen(sharedValues.sessions), 'lists of several contexts are not shared');
        }
        assert.deepEqual(
          messageUses(table.uses, i, contexts.keyRank, times),
          m.contexts.map((u) => ({
            context: ids.get(u.key),
            firstUtc: formatUtc(u.firstMs),
            lastUtc: formatUtc(u.lastMs),
            count: u.count,
          })),
        );
      });
      assert.ok(singles > 0, 'some messages have one context');
    });

    it(`the table built a few records per step equals the one built at once (seed ${seed})`, () => {
      const whole = boundMessageTable(records, contexts);
      const steps = boundMessageTableSteps(records, contexts, 7);
      let pauses = 0;
      let step = steps.next();
      for (; !step.done; step = steps.next()) pauses++;
      const stepped = step.value;
      assert.equal(pauses, Math.ceil(records.length / 7) - 1);
      assert.deepEqual(plainTable(stepped), plainTable(whole));
    });

    it(`sessions and synced folders are the same with the index as without (seed ${seed})`, () => {
      assert.deepEqual(sessionSummaries(records, contexts), sessionSummaries(records));
      assert.deepEqual(syncedFolders(records, contexts), syncedFolders(records));
    });
  }
});

describe('report: lists shared by the messages of one context', () => {
  it('two messages read in one context get the same frozen lists; one read in two does not', () => {
    const base = { access: 'Bind' as const, ip: '10.0.0.1', client: 'OWA', appId: 'b', clientAppId: 'a' };
    const records = [
      rec({ ...base, timeMs: T0, session: 's1', folders: [{ path: 'Inbox', ids: ['m1', 'm2'] }] }),
      rec({ ...base, timeMs: T0 + H, session: 's1', folders: [{ path: 'Inbox', ids: ['m3'] }] }),
      rec({ ...base, timeMs: T0 + 2 * H, session: 's2', folders: [{ path: 'Inbox', ids: ['m3'] }] }),
    ];
    const contexts = indexContexts(records);
    const table = boundMessageTable(records, contexts);
    const shared: SingleContextValues = [];
    const [m1, m2, m3] = [0, 1, 2].map((i) => contextValues(table.uses, i, contexts.contexts, shared));
    assert.equal(m1, m2);
    assert.deepEqual(
      { ...m1 },
      { sessions: ['s1'], ips: ['10.0.0.1'], clients: ['OWA'], appIds: ['a', 'b'] },
    );
    assert.ok(Object.isFrozen(m1.sessions) && Object.isFrozen(m1.ips) && Object.isFrozen(m1.clients));
    assert.notEqual(m3, m1);
    assert.deepEqual(m3.sessions, ['s1', 's2']);
    assert.ok(!Object.isFrozen(m3.sessions));
    // Without the cache every message gets lists of its own.
    assert.notEqual(contextValues(table.uses, 0, contexts.contexts).sessions, m1.sessions);
  });
});

describe('utcText', () => {
  it('writes every time exactly as formatUtc, milliseconds and far years included', () => {
    const next = prng(8);
    const samples = [
      0,
      -1,
      1,
      999,
      86_399_999,
      -62198755200000,
      253402300799999,
      8.64e15,
      -8.64e15,
      1.5,
      NaN,
    ];
    for (let i = 0; i < 20_000; i++) samples.push((next(2) ? 1 : -1) * next(2_000_000_000) * next(100_000));
    for (const ms of samples) {
      let want: string;
      try {
        want = formatUtc(ms);
      } catch (err) {
        assert.throws(() => utcText(ms), (err as Error).constructor as new () => Error);
        continue;
      }
      assert.equal(utcText(ms), want, String(ms));
      // The byte writer of the JSON report writes the same text, after whatever came before.
      const b = new ByteText(16);
      b.text('x');
      writeUtc(ms, b);
      assert.equal(b.toString(), `x${want}`, String(ms));
    }
  });
});
