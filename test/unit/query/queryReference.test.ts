import * as assert from 'node:assert/strict';
import type { MiaRecord } from '../../../src/core/model';
import { ColumnCodes } from '../../../src/core/query/columnCodes';
import { IndexWarmer } from '../../../src/core/query/indexWarmer';
import { recordIndexOf } from '../../../src/core/query/recordIndex';
import { RecordQuery } from '../../../src/core/query/recordQuery';
import { cellText } from '../../../src/core/query/recordColumns';
import {
  facetNames,
  gridColumns,
  type FacetCounts,
  type FacetName,
  type FilterState,
  type SortState,
} from '../../../src/protocol/messages';
import { buildRecord } from '../../support/recordBuilder';
import { pick, prng } from '../../support/seededChoice';

/** Records with repeated and case-varied values, messages with subjects, NUL and odd characters. */
function generated(n: number, seed: number): MiaRecord[] {
  const next = prng(seed);
  const out: MiaRecord[] = [];
  for (let i = 0; i < n; i++) {
    const mailbox = pick(next, ['Ann@x.com', 'ann@x.com', 'bob@x.com', 'Zed@Y.com', 'élan@x.com']);
    const items = Array.from({ length: next(4) }, () => {
      const id = `${pick(next, ['abc', 'ABD', 'q\u0000r', 'x'])}${next(40)}@mail.example`;
      const subject =
        next(3) === 0 ? undefined : pick(next, ['Payroll Q1', 'payroll', 'Hello\u0000World', '']);
      return {
        internetMessageId: `<${id}>`,
        key: id.toLowerCase(),
        ...(subject === undefined ? {} : { subject }),
      };
    });
    const folders = Array.from({ length: next(3) }, (_, f) => {
      const path = pick(next, ['\\Inbox', '\\Archive', 'Posteingang', '\\Sent, Items']);
      return { path, key: path.replace(/^\\/, '').toLowerCase(), items: f === 0 ? items : [] };
    });
    const record = buildRecord({
      id: `${pick(next, ['AB', 'cd', 'Ef'])}-${i}-${next(1000)}`,
      timeMs: Date.UTC(2025, 0, 1) + next(60) * 60_000,
      mailbox,
      mailboxKey: mailbox.toLowerCase(),
      accessType: pick(next, ['Bind', 'Bind', 'Sync', 'Unknown'] as const),
      folders,
    });
    if (next(4) > 0) record.sessionId = pick(next, ['S1', 's1', 'evil', 'other']);
    if (next(5) > 0) record.ip = pick(next, ['10.0.0.1', '203.0.113.9', '2001:db8::1']);
    if (next(2) > 0)
      record.clientInfo = pick(next, ['Client=OWA;Action=ViaProxy', 'Client=REST', 'Sync\u0000Client']);
    if (next(2) > 0) record.appId = pick(next, ['app-A', 'app-b']);
    if (next(3) > 0) record.clientAppId = pick(next, ['app-A', 'other']);
    if (next(2) > 0) record.actor = pick(next, ['Ann@x.com', 'attacker@evil.example']);
    if (next(3) > 0) record.isThrottled = next(2) === 0;
    out.push(record);
  }
  return out;
}

// The reference: plain code over the records, as the grid's rules state them.

function referenceText(r: MiaRecord, needle: string): boolean {
  const texts = [
    r.id,
    ...(['mailbox', 'actor', 'session', 'ip', 'client', 'app', 'folders'] as const).map((c) =>
      cellText(r, c),
    ),
  ];
  if (texts.some((t) => t.toLowerCase().includes(needle))) return true;
  return r.folders.some((f) =>
    f.items.some((m) => m.key.includes(needle) || (m.subject ?? '').toLowerCase().includes(needle)),
  );
}

/** Which criteria a record fails: 'other' (text or time) and facet names. */
function referenceFailures(r: MiaRecord, filter: FilterState): string[] {
  const failed: string[] = [];
  const needle = filter.text.trim().toLowerCase();
  const outside =
    (filter.fromMs !== undefined && r.timeMs < filter.fromMs) ||
    (filter.toMs !== undefined && r.timeMs >= filter.toMs);
  if (outside || (needle !== '' && !referenceText(r, needle))) failed.push('other');
  for (const f of facetNames) {
    const selected = filter.facets[f];
    if (selected && selected.length > 0 && !selected.includes(cellText(r, f))) failed.push(f);
  }
  return failed;
}

function referenceKey(r: MiaRecord, column: SortState['column']): number | string {
  if (column === 'time') return r.timeMs;
  if (column === 'items')
    return r.accessType === 'Sync' ? -1 : r.folders.reduce((n, f) => n + f.items.length, 0);
  return cellText(r, column);
}

function compareKeys(a: number | string, b: number | string): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const la = String(a).toLowerCase();
  const lb = String(b).toLowerCase();
  return la < lb ? -1 : la > lb ? 1 : a < b ? -1 : a > b ? 1 : 0;
}

function reference(records: readonly MiaRecord[], filter: FilterState, sort: SortState) {
  const matched: number[] = [];
  const tallies = new Map<FacetName, Map<string, number>>(facetNames.map((f) => [f, new Map()]));
  const count = (f: FacetName, r: MiaRecord) => {
    const v = cellText(r, f);
    tallies.get(f)!.set(v, (tallies.get(f)!.get(v) ?? 0) + 1);
  };
  records.forEach((r, i) => {
    const failed = referenceFailures(r, filter);
    if (failed.length === 0) {
      matched.push(i);
      for (const f of facetNames) count(f, r);
    } else if (failed.length === 1 && failed[0] !== 'other') {
      count(failed[0] as FacetName, r);
    }
  });
  const dir = sort.descending ? -1 : 1;
  matched.sort(
    (a, b) =>
      dir * compareKeys(referenceKey(records[a], sort.column), referenceKey(records[b], sort.column)) ||
      a - b,
  );
  const facets: FacetCounts[] = facetNames.map((facet) => {
    const values = [...tallies.get(facet)!].map(([value, n]) => ({ value, count: n }));
    values.sort((a, b) => b.count - a.count || compareKeys(a.value, b.value));
    return { facet, values: values.slice(0, 200), more: Math.max(0, values.length - 200) };
  });
  return { matched, facets };
}

function randomFilter(next: (k: number) => number, records: readonly MiaRecord[]): FilterState {
  const facets: FilterState['facets'] = {};
  for (const f of facetNames) {
    if (next(3) !== 0) continue;
    facets[f] = Array.from({ length: 1 + next(2) }, () => cellText(records[next(records.length)], f));
    if (next(4) === 0) facets[f].push('no such value');
  }
  const text = pick(next, [
    '',
    '',
    'payroll',
    'ABC',
    ' viaproxy ',
    'q\u0000r',
    'o\u0000w',
    '\u0000',
    'é',
    'sent, i',
    '1@',
    'zzz',
    'app-a /',
  ]);
  const filter: FilterState = { text, facets };
  if (next(3) === 0) filter.fromMs = Date.UTC(2025, 0, 1) + next(60) * 60_000;
  if (next(3) === 0) filter.toMs = Date.UTC(2025, 0, 1) + next(60) * 60_000;
  return filter;
}

describe('RecordQuery against a plain reference (generated records)', function () {
  // The reference re-derives every cell per comparison: slow on purpose, plain on purpose.
  this.timeout(60_000);
  it('matches, orders and counts facets as the reference, for random filters and every sort', () => {
    const records = generated(1000, 11);
    const next = prng(5);
    const q = new RecordQuery(records);
    let nonEmpty = 0;
    for (let k = 0; k < 80; k++) {
      const filter = randomFilter(next, records);
      const sort: SortState = { column: pick(next, gridColumns), descending: next(2) === 0 };
      const got = q.run(filter, sort);
      const want = reference(records, filter, sort);
      const label = JSON.stringify({ filter, sort });
      assert.deepEqual([...q.viewIndices], want.matched, label);
      assert.equal(got.matched, want.matched.length, label);
      assert.equal(got.total, records.length);
      assert.deepEqual(got.facets, want.facets, label);
      if (want.matched.length > 0 && want.matched.length < records.length) nonEmpty++;
    }
    assert.ok(nonEmpty > 20, `the random filters select something in most cases (${nonEmpty})`);
  });

  it('stays equal to the reference while the record list grows, across text index blocks', () => {
    const all = generated(3000, 23);
    const list = all.slice(0, 10);
    const q = new RecordQuery(list);
    const next = prng(9);
    for (const size of [10, 700, 701, 2999, 3000]) {
      while (list.length < size) list.push(all[list.length]);
      for (let k = 0; k < 6; k++) {
        const filter = randomFilter(next, list);
        const sort: SortState = { column: pick(next, gridColumns), descending: next(2) === 0 };
        q.run(filter, sort);
        assert.deepEqual(
          [...q.viewIndices],
          reference(list, filter, sort).matched,
          JSON.stringify({ size, filter, sort }),
        );
      }
    }
  });

  it('finds text in ids, columns, message ids and subjects alike', () => {
    const records = generated(400, 3);
    const q = new RecordQuery(records);
    for (const text of ['cd-1', 'élan', 'attacker@', 'hello', 'abd1', 'posteingang', 'true', 'other']) {
      q.run({ text, facets: {} }, { column: 'time', descending: false });
      const want = records.map((_, i) => i).filter((i) => referenceText(records[i], text.toLowerCase()));
      assert.deepEqual(
        [...q.viewIndices].sort((a, b) => a - b),
        want,
        text,
      );
    }
  });

  it('stays equal to the reference when the index was built in slices while the list grew', () => {
    const all = generated(2500, 31);
    const list: MiaRecord[] = [];
    const index = () => recordIndexOf(list);
    const next = prng(13);
    for (const size of [1, 300, 301, 1200, 2500]) {
      while (list.length < size) {
        list.push(all[list.length]);
        // A slice that may end anywhere (a deadline a few microseconds away).
        if (next(50) === 0) index().warm(performance.now() + next(3) / 100);
      }
      assert.equal(index().warm(Infinity), true);
      assert.equal(index().warm(-Infinity), true, 'nothing left to build');
      const q = new RecordQuery(list);
      for (let k = 0; k < 6; k++) {
        const filter = randomFilter(next, list);
        const sort: SortState = { column: pick(next, gridColumns), descending: next(2) === 0 };
        const got = q.run(filter, sort);
        const want = reference(list, filter, sort);
        const label = JSON.stringify({ size, filter, sort });
        assert.deepEqual([...q.viewIndices], want.matched, label);
        assert.deepEqual(got.facets, want.facets, label);
      }
    }
    list.push(generated(1, 99)[0]);
    assert.equal(index().warm(-Infinity), false, 'a new record is not indexed yet');
  });

  it('ranks the values of a column in the grid order, also when they were added in steps', () => {
    const records = generated(1500, 41);
    const stepped = new ColumnCodes((r) => cellText(r, 'folders'));
    for (let end = 0; end <= records.length; end += 97) {
      stepped.extend(records, end);
      stepped.ranks();
    }
    stepped.extend(records);
    const rank = stepped.ranks();
    const byRank = stepped.values.map((_, c) => c).sort((a, b) => rank[a] - rank[b]);
    const want = [...stepped.values].sort(compareKeys);
    assert.deepEqual(
      byRank.map((c) => stepped.values[c]),
      want,
    );
    assert.equal(new Set(rank).size, stepped.values.length, 'one rank per value');
  });

  it('builds the index in the background when poked, and stops when disposed', async () => {
    const list = generated(800, 51);
    const warmer = new IndexWarmer(() => list, undefined, 0.05);
    warmer.poke();
    await warmer.whenIdle();
    assert.equal(recordIndexOf(list).warm(-Infinity), true, 'warm after whenIdle');
    list.push(...generated(800, 52));
    warmer.poke();
    warmer.dispose();
    await warmer.whenIdle();
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(recordIndexOf(list).warm(-Infinity), false, 'a disposed warmer builds nothing more');
  });
});
