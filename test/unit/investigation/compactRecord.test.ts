import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { CompactRecord, plainRecord } from '../../../src/core/investigation/compactRecord';
import { Interner } from '../../../src/core/investigation/interner';
import { RecordContexts } from '../../../src/core/investigation/recordContexts';
import type { MiaRecord } from '../../../src/core/model';
import { normaliseAudit } from '../../../src/core/normalise/normaliseAudit';
import { fixturePath } from '../../support/paths';
import { exposedGc } from '../../support/v8Natives';
import { miaAudit } from '../normalise/auditBuilders';

type Loose = Omit<MiaRecord, 'provenance'>;

/** Every published sample, normalised (plain objects, as the normaliser builds them). */
function samples(): Loose[] {
  const out: Loose[] = [];
  for (const f of readdirSync(fixturePath('samples'))) {
    const parsed = JSON.parse(readFileSync(fixturePath('samples', f), 'utf8')) as unknown;
    for (const audit of Array.isArray(parsed) ? parsed : [parsed]) {
      const r = normaliseAudit(audit as Record<string, unknown>);
      if (r.kind === 'mia') out.push(r.record);
    }
  }
  return out;
}

/** The values of a context, in the order `RecordContexts.of` takes them after `share`. */
const BASE: Parameters<RecordContexts['of']> extends [unknown, ...infer Rest] ? Rest : never = [
  0,
  'Bind',
  'A@contoso.com',
  'a@contoso.com',
  'guid',
  'actor@contoso.com',
  0,
  0,
  false,
  'session-1',
  '203.0.113.7',
  'Client=OWA',
  'app',
  'client-app',
  false,
  'org',
  'tenant',
  50,
  'SERVER01',
];

describe('investigation: compact records', () => {
  it('read every field as the normaliser wrote it, and serialise to the same keys in its order', () => {
    const normalised = samples();
    assert.ok(normalised.length >= 5, `${normalised.length} samples`);
    const interner = new Interner();
    interner.beginSource(2);
    normalised.forEach((r, i) => {
      const expected: MiaRecord = {
        ...(JSON.parse(JSON.stringify(r)) as Loose),
        provenance: { sourceIndex: 2, line: i + 1, offset: 10 * i, length: 7 },
      };
      const compact = interner.compact(JSON.parse(JSON.stringify(r)) as Loose);
      compact.place(i + 1, 10 * i, 7);
      assert.ok(compact instanceof CompactRecord);
      for (const key of Object.keys(expected) as (keyof MiaRecord)[])
        assert.deepStrictEqual(compact[key], expected[key], `${r.id}: ${key}`);
      // Absent optional fields read as undefined and are left out of the JSON, as on the plain object.
      assert.deepStrictEqual(JSON.parse(JSON.stringify(compact)), expected);
      assert.deepStrictEqual(Object.keys(compact.toJSON()), Object.keys(expected));
    });
    assert.ok(normalised.some((r) => r.operationCount === undefined || r.isThrottled === undefined));
  });

  it('share one context among the records of a session, and none between sources', () => {
    const interner = new Interner();
    const records = [0, 1, 2, 3].map((i) => {
      const r = normaliseAudit(miaAudit({ id: `r${i}`, time: `2024-03-01T10:0${i}:00`, session: 's1' }));
      assert.equal(r.kind, 'mia');
      return r.record;
    });
    const a = interner.compact(records[0]);
    const b = interner.compact(records[1]);
    interner.beginSource(1);
    const c = interner.compact(records[2]);
    const ownKeys = (r: CompactRecord) => Reflect.ownKeys(r).length;
    // Only the record's own values are its fields; the session's are read through the context.
    assert.equal(ownKeys(a), 0, 'no own property: the time, id and folders are read back');
    assert.equal(a.sessionId, 's1');
    assert.equal(b.sessionId, a.sessionId);
    assert.equal(a.provenance.sourceIndex, 0);
    assert.equal(b.provenance.sourceIndex, 0);
    assert.equal(c.provenance.sourceIndex, 1, 'the source being read when the record was made');
    assert.deepStrictEqual(
      { ...a.toJSON(), id: 'x', timeMs: 0, folders: [] },
      { ...b.toJSON(), id: 'x', timeMs: 0, folders: [] },
    );
  });

  it('give back every time exactly, holding an audit time in whole seconds (no heap number per record)', function () {
    this.timeout(20_000); // six measurements, each after a full collection of the test run's heap
    const context = new RecordContexts().of((s) => s, ...BASE);
    const times = [
      Date.parse('2025-03-02T23:59:51Z'),
      Date.parse('2025-03-02T23:59:51.123Z'),
      0,
      -0,
      -1000,
      -1,
      1e-13,
      1000 + 1e-13,
      2 ** 31 * 1000,
      (2 ** 31 - 1) * 1000,
      -(2 ** 31) * 1000,
      -(2 ** 31) * 1000 - 1000,
      Date.parse('9999-12-31T23:59:59Z'),
      8.64e15,
      Number.NaN,
      Number.POSITIVE_INFINITY,
    ];
    for (const t of times)
      assert.ok(Object.is(new CompactRecord('x', t, [], undefined, context).timeMs, t), `time ${t}`);

    // 100,000 records of whole-second times against the same at millisecond precision: each of
    // the latter holds its time as text (`packTime`), at least the 16 bytes a heap number would
    // take, so more than 1.6 MB in all (2.2–3.2 MB measured). Measured three times,
    // the median compared: the heap a whole test run leaves behind moves a single measurement by up
    // to half a megabyte (seen under load), and `gc` is fetched once because collectGarbage() makes
    // a new context, on the measured heap, each time.
    const gc = exposedGc();
    const heapOf = (ms: (i: number) => number): number => {
      gc();
      const before = process.memoryUsage().heapUsed;
      const kept = Array.from({ length: 100_000 }, (_, i) => new CompactRecord('x', ms(i), 0, 1, context));
      gc();
      const used = process.memoryUsage().heapUsed - before;
      assert.equal(kept.length, 100_000);
      return used;
    };
    const base = Date.parse('2025-03-02T00:00:00Z');
    const measured = [0, 1, 2].map(() => {
      const seconds = heapOf((i) => base + 1000 * i);
      const millis = heapOf((i) => base + 1000 * i + 1);
      return { seconds, millis, extra: millis - seconds };
    });
    const median = [...measured].sort((a, b) => a.extra - b.extra)[1];
    assert.ok(median.extra > 1.2e6, `whole seconds ${median.seconds} B, milliseconds ${median.millis} B`);
  });

  it('give the same context for the same values, another one for any value that differs', () => {
    const contexts = new RecordContexts();
    const share = (s: string) => s;
    const first = contexts.of(share, ...BASE);
    assert.equal(contexts.of(share, ...BASE), first);
    // Equal strings that are other string objects still find it (they are compared by value).
    const copies = BASE.map((v) => (typeof v === 'string' ? `${v} `.trimEnd() : v)) as typeof BASE;
    assert.equal(contexts.of(share, ...copies), first);
    for (let i = 0; i < BASE.length; i++) {
      const changed = [...BASE] as unknown[];
      const v = BASE[i];
      changed[i] =
        v === undefined
          ? 'x'
          : typeof v === 'string'
            ? `${v}-other`
            : typeof v === 'boolean'
              ? !v
              : i === 1
                ? 'Sync'
                : v + 1;
      // A table per value changed (a session keeps a bounded number of contexts).
      const table = new RecordContexts();
      const held = table.of(share, ...BASE);
      const other = table.of(share, ...(changed as typeof BASE));
      assert.notEqual(other, held, `value ${i} differs`);
      assert.equal(table.of(share, ...(changed as typeof BASE)), other, `value ${i}: found again`);
      assert.equal(table.of(share, ...BASE), held, `value ${i}: the first found again`);
    }
  });

  it('give the right values when one session holds more contexts than are kept for it', () => {
    const contexts = new RecordContexts();
    const made = [];
    for (let i = 0; i < 100; i++) {
      const values = [...BASE] as unknown[];
      values[10] = `10.0.0.${i}`;
      made.push(contexts.of((s) => s, ...(values as typeof BASE)));
    }
    made.forEach((c, i) => assert.equal(c.ip, `10.0.0.${i}`));
    assert.equal(new Set(made).size, 100);
    // The first ones are found again; later ones are made afresh, with the same values.
    const again = [...BASE] as unknown[];
    again[10] = '10.0.0.0';
    assert.equal(
      contexts.of((s) => s, ...(again as typeof BASE)),
      made[0],
    );
    again[10] = '10.0.0.99';
    const late = contexts.of((s) => s, ...(again as typeof BASE));
    assert.equal(late.ip, '10.0.0.99');
    assert.notEqual(late, made[99], 'past the bound, further contexts of a session are not held');
  });

  it('plainRecord gives a plain object of any record, absent values absent', () => {
    const r = normaliseAudit(miaAudit({ id: 'p1', time: '2024-03-01T10:00:00' }));
    assert.equal(r.kind, 'mia');
    const plain = plainRecord({ ...r.record, provenance: { sourceIndex: 0, line: 1, offset: 0, length: 1 } });
    assert.equal(Object.getPrototypeOf(plain), Object.prototype);
    assert.equal('operationCount' in plain, r.record.operationCount !== undefined);
    assert.deepStrictEqual(Object.keys(plain).slice(0, 6), [
      'id',
      'timeMs',
      'mailbox',
      'mailboxKey',
      'accessType',
      'folders',
    ]);
    assert.equal(Object.keys(plain).at(-1), 'provenance');
  });
});
