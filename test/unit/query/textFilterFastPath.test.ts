import * as assert from 'node:assert/strict';
import type { MessageRef, MiaRecord } from '../../../src/core/model';
import { CompiledFilter } from '../../../src/core/query/recordFilter';
import { cellText } from '../../../src/core/query/recordColumns';
import { recordIndexOf } from '../../../src/core/query/recordIndex';
import { RecordQuery } from '../../../src/core/query/recordQuery';
import { textHits } from '../../../src/core/query/textSearch';
import { buildRecord } from '../../support/recordBuilder';
import { pick, prng } from '../../support/seededChoice';

/**
 * Text whose lower-casing is not one character for one (İ → i̇, final sigma, Kelvin sign, title
 * case ǅ), non-Latin-1 and astral characters, a lone surrogate, U+FFFD, and mixed-case ASCII.
 */
const words = [
  'İstanbul',
  'ΣΊΣΥΦΟΣ',
  'Straße',
  'STRASSE',
  'ǅemal',
  '\u212Aelvin',
  'ПОЧТА',
  'ıi',
  '📧 Mail',
  'x\uD800y',
  '\uFFFD',
  'ViaProxy',
  'Payroll Q1',
  'élan',
  'CAFÉ',
  'a',
];
const word = (next: (k: number) => number): string =>
  Array.from({ length: 1 + next(2) }, () => pick(next, words)).join(pick(next, [' ', '', '-']));

/**
 * Records sharing frozen message objects the way the investigation does (one per distinct
 * message), including two messages with one key and different subjects, and keys with capitals
 * (the filter compares keys as they are: the engine stores them lower-cased).
 */
function generated(n: number, seed: number): MiaRecord[] {
  const next = prng(seed);
  const pool: MessageRef[] = Array.from({ length: 60 }, (_, m) => {
    const key = m % 7 === 0 ? `Key-${word(next)}@X` : `key${m % 50}@${word(next).toLowerCase()}`;
    const subject = next(3) === 0 ? undefined : word(next);
    return Object.freeze({
      internetMessageId: `<${key}>`,
      key,
      ...(subject === undefined ? {} : { subject }),
    });
  });
  return Array.from({ length: n }, (_, i) => {
    const items = Array.from({ length: next(4) }, () => pick(next, pool));
    const record = buildRecord({
      id: `${word(next)}-${i}`,
      timeMs: Date.UTC(2025, 0, 1) + next(600) * 60_000,
      mailbox: `${pick(next, ['Ann', 'ΣΟΦΊΑ', 'İpek', 'bob'])}@X.com`,
      accessType: next(3) === 0 ? 'Sync' : 'Bind',
      folders: Array.from({ length: next(3) }, (_, f) => ({
        path: `\\${word(next)}`,
        key: 'folder',
        items: f === 0 ? items : [],
      })),
    });
    if (next(2) > 0) record.clientInfo = `Client=${word(next)}`;
    if (next(2) > 0) record.sessionId = word(next);
    if (next(3) > 0) record.actor = `${word(next)}@x.com`;
    if (next(3) > 0) record.appId = word(next);
    return record;
  });
}

/** The naive filter: each record's text lower-cased on the spot, message keys as they are. */
function naive(records: readonly MiaRecord[], text: string): number[] {
  const needle = text.trim().toLowerCase();
  const hits: number[] = [];
  records.forEach((r, i) => {
    const texts = [
      r.id,
      ...(['mailbox', 'actor', 'session', 'ip', 'client', 'app', 'folders'] as const).map((c) =>
        cellText(r, c),
      ),
    ];
    const found =
      texts.some((t) => t.toLowerCase().includes(needle)) ||
      r.folders.some((f) =>
        f.items.some((m) => m.key.includes(needle) || (m.subject ?? '').toLowerCase().includes(needle)),
      );
    if (found) hits.push(i);
  });
  return hits;
}

/** Needles: pieces of the records' own text (as written and lower-cased) and odd strings. */
function needles(next: (k: number) => number, records: readonly MiaRecord[]): string[] {
  const out = ['i̇', 'σ', 'ς', 'ss', 'ß', 'k', '\u212A', 'ı', '📧', '\uD83D', '\uD800', '\uFFFD', 'Ǆ', 'ǆ'];
  for (let k = 0; k < 40; k++) {
    const r = pick(next, records);
    const m = r.folders[0]?.items[0];
    const source = pick(next, [
      r.id,
      r.mailbox,
      r.clientInfo ?? '',
      m?.key ?? '',
      m?.subject ?? '',
      word(next),
    ]);
    const from = next(Math.max(1, source.length));
    const piece = source.slice(from, from + 1 + next(6));
    out.push(piece, piece.toUpperCase(), piece.toLowerCase());
  }
  return out.filter((s) => s.trim() !== '');
}

describe('text filter fast path against a naive filter (non-ASCII, mixed case, shared messages)', function () {
  this.timeout(60_000);

  it('marks exactly the records the naive filter finds, for needles from the records and odd ones', () => {
    const records = generated(1500, 7);
    const next = prng(17);
    let found = 0;
    for (const text of needles(next, records)) {
      const want = naive(records, text);
      const hit = textHits(recordIndexOf(records), text.trim().toLowerCase());
      const got = [...hit.keys()].filter((i) => hit[i] === 1);
      assert.deepEqual(got, want, JSON.stringify(text));
      const compiled = new CompiledFilter({ text, facets: {} });
      assert.deepEqual(
        records.map((_, i) => i).filter((i) => compiled.matches(records[i])),
        want,
        `record filter ${JSON.stringify(text)}`,
      );
      if (want.length > 0 && want.length < records.length) found++;
    }
    assert.ok(found > 15, `most needles select some records, not all (${found})`);
  });

  it('stays equal to the naive filter while the list grows and messages repeat across growth', () => {
    const all = generated(2000, 29);
    const list: MiaRecord[] = [];
    const q = new RecordQuery(list);
    const next = prng(31);
    for (const size of [1, 2, 90, 700, 701, 1999, 2000]) {
      while (list.length < size) {
        list.push(all[list.length]);
        // The index built in slices as the editor does while a file loads, ending anywhere.
        if (next(40) === 0) recordIndexOf(list).warm(performance.now() + next(3) / 100);
      }
      for (const text of needles(next, list).slice(0, 25)) {
        q.run({ text, facets: {} }, { column: 'time', descending: false });
        assert.deepEqual(
          [...q.viewIndices].sort((a, b) => a - b),
          naive(list, text),
          `${size} records, ${JSON.stringify(text)}`,
        );
      }
    }
  });

  it('tells apart two messages with one key and different subjects', () => {
    const shared = (subject: string): MessageRef =>
      Object.freeze({ internetMessageId: '<same@x>', key: 'same@x', subject });
    const a = shared('Quarterly Payroll');
    const b = shared('Lunch');
    const records = [a, b, a, b].map((m) =>
      buildRecord({ folders: [{ path: '\\Inbox', key: 'inbox', items: [m] }] }),
    );
    const q = new RecordQuery(records);
    q.run({ text: 'PAYROLL', facets: {} }, { column: 'time', descending: false });
    assert.deepEqual([...q.viewIndices], [0, 2]);
    q.run({ text: 'lunch', facets: {} }, { column: 'time', descending: false });
    assert.deepEqual([...q.viewIndices], [1, 3]);
    q.run({ text: 'same@', facets: {} }, { column: 'time', descending: false });
    assert.deepEqual([...q.viewIndices], [0, 1, 2, 3]);
  });
});
