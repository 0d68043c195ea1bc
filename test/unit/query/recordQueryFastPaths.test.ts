import * as assert from 'node:assert/strict';
import { RecordQuery } from '../../../src/core/query/recordQuery';
import { cellText } from '../../../src/core/query/recordColumns';
import { gridColumns, type SortState } from '../../../src/protocol/messages';
import type { MiaRecord } from '../../../src/core/model';
import { buildRecord } from '../../support/recordBuilder';
import { prng } from '../../support/seededChoice';

/** Deterministic records with many ties, for comparing the fast paths with plain reference code. */
function records(n: number): MiaRecord[] {
  const next = prng(7);
  const out: MiaRecord[] = [];
  for (let i = 0; i < n; i++) {
    const mailbox = ['Ann@x.com', 'bob@x.com', 'ann@x.com', 'Zed@x.com'][next(4)];
    out.push(
      buildRecord({
        timeMs: Date.UTC(2025, 0, 1) + next(50) * 60_000,
        mailbox,
        mailboxKey: mailbox.toLowerCase(),
        accessType: next(5) === 0 ? 'Sync' : 'Bind',
        sessionId: next(3) === 0 ? undefined : `s${next(6)}`,
        ip: `10.0.0.${next(9)}`,
        appId: next(2) ? 'app' : undefined,
        clientAppId: next(3) ? 'other' : undefined,
      }),
    );
  }
  return out;
}

function referenceOrder(rs: MiaRecord[], indices: number[], sort: SortState): number[] {
  const key = (i: number): number | string =>
    sort.column === 'time' ? rs[i].timeMs : cellText(rs[i], sort.column);
  const cmp = (a: number | string, b: number | string): number => {
    if (typeof a === 'number' && typeof b === 'number') return a - b;
    const la = String(a).toLowerCase();
    const lb = String(b).toLowerCase();
    return la < lb ? -1 : la > lb ? 1 : a < b ? -1 : a > b ? 1 : 0;
  };
  const dir = sort.descending ? -1 : 1;
  return [...indices].sort((a, b) => dir * cmp(key(a), key(b)) || a - b);
}

describe('RecordQuery fast paths', () => {
  const rs = records(500);

  for (const column of gridColumns.filter((c) => c !== 'items')) {
    for (const descending of [false, true]) {
      it(`sorts by ${column} ${descending ? 'descending' : 'ascending'} as the reference does`, () => {
        const q = new RecordQuery(rs);
        const sort = { column, descending };
        q.run({ text: '', facets: { ip: ['10.0.0.1', '10.0.0.2', '10.0.0.3'] } }, sort);
        const matched = rs
          .map((_, i) => i)
          .filter((i) => ['10.0.0.1', '10.0.0.2', '10.0.0.3'].includes(rs[i].ip!));
        assert.deepEqual([...q.viewIndices], referenceOrder(rs, matched, sort));
      });
    }
  }

  it('counts facet values as a plain tally does, also after the record list grew', () => {
    const list = rs.slice(0, 200);
    const q = new RecordQuery(list);
    q.run({ text: '', facets: {} }, { column: 'time', descending: false });
    list.push(...rs.slice(200)); // the investigation's list grows while a file is read
    const { facets } = q.run(
      { text: '', facets: { mailbox: ['bob@x.com'] } },
      { column: 'time', descending: false },
    );
    const session = facets.find((f) => f.facet === 'session')!;
    const tally = new Map<string, number>();
    for (const r of rs)
      if (r.mailbox === 'bob@x.com') tally.set(r.sessionId ?? '', (tally.get(r.sessionId ?? '') ?? 0) + 1);
    assert.deepEqual(new Map(session.values.map((v) => [v.value, v.count])), tally);
    const mailbox = facets.find((f) => f.facet === 'mailbox')!;
    // Its own facet counts every mailbox (standard faceting), over all 500 records.
    assert.equal(
      mailbox.values.reduce((n, v) => n + v.count, 0),
      rs.length,
    );
  });
});
