import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as Papa from 'papaparse';
import { parseJsonObject } from '../../../src/core/containers/auditJson';
import { auditFromElement } from '../../../src/core/containers/recordShapes';
import type { ContainerKind, SourceRow } from '../../../src/core/containers/types';
import { pickAuditBytes } from '../../../src/core/normalise/auditBytes';
import { canonicalAudit } from '../../../src/core/normalise/auditShape';
import {
  normaliseAudit,
  normaliseCanonical,
  type NormaliseResult,
} from '../../../src/core/normalise/normaliseAudit';
import { openBytes, readRows } from '../../support/containerFixtures/readRows';
import { generateScenario } from '../../support/generator/scenario';
import { renderExport, scenarioRows } from '../../support/generator/writeExport';
import { fixturePath } from '../../support/paths';

/** The published samples, as AuditData objects. */
const SAMPLES: Record<string, unknown>[] = fs
  .readdirSync(fixturePath('samples'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(fs.readFileSync(fixturePath('samples', f), 'utf8')) as Record<string, unknown>);

/** How the fast path reads `text` as a CSV cell (quotes doubled) and as plain JSON. */
function pickCell(text: string): Record<string, unknown> | undefined {
  const bytes = Buffer.from(`x${text.replaceAll('"', '""')}y`, 'utf8');
  return pickAuditBytes(bytes, 1, bytes.length - 1, true, false);
}
function pickPlain(text: string, element = false): Record<string, unknown> | undefined {
  const bytes = Buffer.from(`[${text}]`, 'utf8');
  return pickAuditBytes(bytes, 1, bytes.length - 1, false, element);
}

/**
 * A picked object as JSON.parse would give it: a picked object of a kind holds every name the
 * fast path reads (one shape per kind), those the text lacks undefined.
 */
function present(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(present);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = present(v);
  return out;
}

/** What the full path makes of the text (a CSV cell's AuditData): a normalised result or its error. */
function full(text: string): NormaliseResult | string {
  const parsed = parseJsonObject(text, 'AuditData');
  return 'error' in parsed ? parsed.error : normaliseAudit(parsed.value);
}

/** The fields the fast path leaves out on purpose (never read by the engine). */
function withoutUnread(canon: Record<string, unknown>): Record<string, unknown> {
  const copy = structuredClone(canon);
  const items = (list: unknown): void => {
    if (!Array.isArray(list)) return;
    for (const item of list as Record<string, unknown>[]) {
      delete item.Id;
      delete item.ParentFolder;
    }
  };
  if (Array.isArray(copy.Folders))
    for (const f of copy.Folders as { FolderItems?: unknown }[]) items(f.FolderItems);
  if (copy.Item && typeof copy.Item === 'object') delete (copy.Item as Record<string, unknown>).Id;
  return copy;
}

/** Asserts the fast path gives exactly the full path's answer for `text`, or none at all. */
function agrees(text: string, mustAnswer: boolean, what: string): void {
  for (const picked of [pickCell(text), pickPlain(text)]) {
    if (picked === undefined) {
      assert.ok(!mustAnswer, `${what}: the fast path should answer`);
      continue;
    }
    const expected = full(text);
    assert.notEqual(
      typeof expected,
      'string',
      `${what}: the fast path answered a row the full parse rejects`,
    );
    assert.deepStrictEqual(
      present(picked),
      withoutUnread(canonicalAudit(JSON.parse(text) as Record<string, unknown>)),
      what,
    );
    assert.deepStrictEqual(normaliseCanonical(picked), expected, what);
  }
}

/** Generated scenarios, built once (generating one takes a while). */
const scenarios = new Map<number, ReturnType<typeof generateScenario>>();
function scenario(seed: number): ReturnType<typeof generateScenario> {
  let s = scenarios.get(seed);
  if (!s) scenarios.set(seed, (s = generateScenario({ scale: 'small', seed })));
  return s;
}

describe('pickAuditBytes (AuditData straight from the bytes)', function () {
  // Generating and reading whole exports takes a few seconds on a busy machine.
  this.timeout(60_000);
  it('gives exactly the full parse for every published sample, as a CSV cell and as JSON', () => {
    assert.ok(SAMPLES.length >= 8);
    for (const [i, sample] of SAMPLES.entries()) {
      agrees(JSON.stringify(sample), true, `sample ${i}`);
      agrees(JSON.stringify(sample, null, 2), true, `sample ${i} pretty-printed`);
    }
  });

  it('gives every picked object of a kind the same keys, those a record lacks undefined (one shape)', () => {
    // Objects of one shape keep the picker's stores and the normaliser's reads monomorphic.
    const picked = SAMPLES.map((sample) => pickPlain(JSON.stringify(sample))).filter((p) => p !== undefined);
    assert.ok(picked.length >= 8, `the fast path answers the samples (${picked.length})`);
    const keys = (o: unknown) => Object.keys(o as object).join();
    const tops = new Set(picked.map(keys));
    assert.equal(tops.size, 1, [...tops].join(' | '));
    const lacking = picked.find((p) => p.Item === undefined)!;
    assert.ok(lacking && Object.hasOwn(lacking, 'Item'), 'a field the record lacks is present, undefined');
    const items = picked.flatMap((p) =>
      ((p.Folders ?? []) as { FolderItems?: unknown[] }[]).flatMap((f) => f.FolderItems ?? []),
    );
    assert.ok(items.length > 5);
    assert.equal(new Set(items.map(keys)).size, 1);
  });

  it('keeps what only the full parse can spell: escapes, non-ASCII, numbers, literals', () => {
    const audit = {
      ...SAMPLES[0],
      Id: 'a"b\\c/\u00e9\u2028\ud83d\ude00\t',
      ClientInfoString: 'Client=OWA;\u0001\u001f',
      OriginatingServer: 'CY5PR05MB8000 (15.20.4200.000)\r\n',
      OperationCount: 1e21,
      UserType: 2 ** 64,
      RecordType: 2.5e-3,
      ExternalAccess: true,
      MailboxOwnerUPN: 'Zoë.Ångström@contoso.com',
      Folders: [
        { Path: '\\Éléments envoyés', Id: 7, FolderItems: [{ InternetMessageId: '<ä@b>', SizeInBytes: 0 }] },
      ],
    };
    const text = JSON.stringify({ ...audit, LogonType: 12345 }).replace(
      '"LogonType":12345',
      '"LogonType":-0',
    );
    agrees(text, true, 'escapes');
    const picked = pickCell(text) ?? {};
    assert.equal(picked.Id, audit.Id);
    assert.ok(Object.is(picked.LogonType, -0));
    assert.equal(picked.OperationCount, 1e21);
    assert.equal(picked.UserType, 2 ** 64);
    // Escapes written by other JSON writers (\u escapes of plain letters, escaped slashes).
    agrees(
      text.replace('"Operation"', '"Operation" ').replace('MailItemsAccessed', 'Mail\\u0049tems\\/Accessed'),
      true,
      'u-escapes',
    );
  });

  it('agrees with papaparse + JSON.parse on every row of a generated Purview CSV (broken rows included)', () => {
    const container: ContainerKind = 'purview-csv-new';
    const bytes = renderExport(container, scenarioRows(scenario(7), container, { includeBroken: true }));
    const papa = Papa.parse<string[]>(bytes.toString('utf8').replace(/^\uFEFF/, ''), {
      skipEmptyLines: true,
    });
    const [header, ...data] = papa.data;
    const column = header.indexOf('AuditData');
    let answered = 0;
    let declined = 0;
    for (const cells of data) {
      const text = cells[column];
      if (text === undefined) continue;
      const picked = pickCell(text);
      if (picked === undefined) {
        declined++;
        continue;
      }
      answered++;
      const expected = full(text);
      assert.notEqual(typeof expected, 'string', `answered a broken row: ${text.slice(0, 80)}`);
      assert.deepStrictEqual(normaliseCanonical(picked), expected);
    }
    assert.ok(answered > 1000, `${answered} rows answered`);
    assert.ok(declined > 0, 'the broken rows were left to the full parse');
  });

  for (const container of ['purview-csv-new', 'purview-csv-classic', 'json-lines'] as ContainerKind[]) {
    it(`reading a generated ${container} export with the fast path gives the rows of the full path`, async () => {
      const bytes = renderExport(container, scenarioRows(scenario(7), container, { includeBroken: true }));
      const slow = await readRows(await openBytes(`x.${container}`, bytes));
      const fast = await readRows(await openBytes(`x.${container}`, bytes), { pickAudit: pickAuditBytes });
      const result = (r: SourceRow): unknown =>
        r.canonical
          ? normaliseCanonical(r.canonical, r.envelope)
          : r.error !== undefined || r.audit === undefined
            ? r.error
            : normaliseAudit(r.audit, r.envelope);
      assert.equal(fast.length, slow.length);
      assert.ok(fast.filter((r) => r.canonical).length > fast.length / 2, 'most rows took the fast path');
      assert.ok(
        slow.some((r) => r.error !== undefined),
        'the export has broken rows',
      );
      fast.forEach((r, i) => {
        const s = slow[i];
        assert.deepStrictEqual([r.line, r.offset, r.length, r.error], [s.line, s.offset, s.length, s.error]);
        assert.deepStrictEqual(result(r), result(s), `row at line ${s.line}`);
      });
    });
  }

  it('a Purview CSV row whose AuditData lacks its Id or Operation still gets them from the row, fast or not', async () => {
    const cell = (audit: Record<string, unknown>): string =>
      `"${JSON.stringify(audit).replaceAll('"', '""')}"`;
    const { Id, Operation, ...rest } = SAMPLES[0];
    assert.ok(typeof Id === 'string' && typeof Operation === 'string');
    const rows = [
      cell(SAMPLES[0]),
      cell({ ...rest, Operation }),
      cell({ ...rest, Id: '', Operation }),
      cell({ ...rest, Id }),
      cell(rest),
    ].map((audit, i) => `"row-${i}","2024-01-01T00:00:00","ExchangeItem","${Operation}","u@x",${audit}`);
    const csv = `RecordId,CreationDate,RecordType,Operation,UserId,AuditData\n${rows.join('\n')}\n`;
    const slow = await readRows(await openBytes('x.csv', csv));
    const fast = await readRows(await openBytes('x.csv', csv), { pickAudit: pickAuditBytes });
    assert.equal(fast.length, 5);
    assert.ok(
      fast.every((r) => r.canonical !== undefined),
      'every row took the fast path',
    );
    const results = fast.map((r) => normaliseCanonical(r.canonical ?? {}, r.envelope));
    assert.deepStrictEqual(
      results,
      slow.map((r) => normaliseAudit(r.audit ?? {}, r.envelope)),
    );
    // The row's record id and operation did fill in (the test would pass vacuously otherwise).
    const ids = results.map((r) => (r.kind === 'mia' ? r.record.id : r.kind));
    assert.deepStrictEqual(ids, [Id, 'row-1', 'row-2', Id, 'row-4']);
  });

  it('repeated values read again from memory are exactly a fresh decode (escapes, non-ASCII, long)', () => {
    const values = [
      'nils.costa@fabrikam.com',
      'Zoë.Ångström@contoso.com',
      '\\Éléments envoyés',
      'CY5PR05MB8000 (15.20.4200.000)\r\n',
      'a "quoted" value',
      '\u00e9 written escaped',
      'x'.repeat(300),
      '',
    ];
    const record = (i: number, upn: string): string =>
      JSON.stringify({
        ...SAMPLES[0],
        Id: `id-${i}`,
        MailboxOwnerUPN: upn,
        ClientInfoString: upn,
        Folders: [{ Path: upn, FolderItems: [{ InternetMessageId: `<m${i}@x>`, Subject: upn }] }],
      });
    // Each value several times, as a CSV cell and as JSON, interleaved, and spelled with \u escapes
    // once (other bytes, same value): every answer must match JSON.parse of its own text.
    for (let round = 0; round < 3; round++) {
      values.forEach((v, i) => {
        const texts = [
          record(i, v),
          record(i, v).replace('"ClientInfoString":"', '"ClientInfoString":"\\u0041'),
        ];
        for (const text of texts) {
          const expected = withoutUnread(canonicalAudit(JSON.parse(text) as Record<string, unknown>));
          assert.deepStrictEqual(present(pickCell(text)), expected, `${JSON.stringify(v)} as a CSV cell`);
          assert.deepStrictEqual(present(pickPlain(text)), expected, `${JSON.stringify(v)} as JSON`);
        }
      });
    }
    // Many distinct values (more than are remembered) keep coming back right.
    for (let i = 0; i < 6000; i++) {
      const text = record(i, `user${i % 5000}@contoso.com`);
      const picked = pickCell(text);
      assert.equal(picked?.MailboxOwnerUPN, `user${i % 5000}@contoso.com`);
    }
  });

  it('reads keys by the order of the records before: a changed order, spelling or byte is read afresh', () => {
    const base = SAMPLES[0];
    const entries = Object.entries(base);
    const text = (pairs: [string, unknown][]): string => JSON.stringify(Object.fromEntries(pairs));
    const rename = (from: string, to: string): [string, unknown][] =>
      entries.map(([k, v]) => [k === from ? to : k, v]);
    const texts = [
      text(entries),
      text(entries),
      // The same keys in another order, then back.
      text([...entries].reverse()),
      text(entries),
      // A key missing, then present again.
      text(entries.filter(([k]) => k !== 'ClientIPAddress')),
      text(entries),
      // A known key one byte off (no longer known), in another case, padded, then as before.
      text(rename('UserId', 'UserIe')),
      text(rename('UserId', 'UserI')),
      text(rename('UserId', 'UserIdX')),
      text(rename('UserId', 'userid')),
      text(rename('UserId', 'UserId ')),
      text(entries),
      // An unknown key turned into a known one at the same place, and back.
      text(rename('ResultStatus', 'SessionId')),
      text(entries),
      // Nested objects change their key order too.
      text([...entries, ['AppAccessContext', { UniqueTokenId: 'u', AADSessionId: 's-1' }]]),
      text([...entries, ['AppAccessContext', { AADSessionId: 's-1', UniqueTokenId: 'u' }]]),
      text([...entries, ['AppAccessContext', { AADSessionIdX: 's-1', UniqueTokenId: 'u' }]]),
    ];
    // Twice over, as CSV cells and as JSON interleaved: every answer is JSON.parse's.
    for (let round = 0; round < 2; round++) {
      for (const [i, t] of texts.entries()) {
        const expected = withoutUnread(canonicalAudit(JSON.parse(t) as Record<string, unknown>));
        assert.deepStrictEqual(present(pickCell(t)), expected, `text ${i} as a CSV cell`);
        assert.deepStrictEqual(present(pickPlain(t)), expected, `text ${i} as JSON`);
        assert.deepStrictEqual(present(pickCell(t)), expected, `text ${i} as a CSV cell again`);
      }
    }
    // The duplicate check still sees a key read by prediction.
    const twice = `${texts[0].slice(0, -1)},"UserId":"other"}`;
    pickPlain(texts[0]);
    assert.equal(pickPlain(twice), undefined);
  });

  it("a value like the same field's value before it, but for a byte, is read afresh", () => {
    const record = (fields: Record<string, unknown>): string => JSON.stringify({ ...SAMPLES[0], ...fields });
    const values = [
      'MailItemsAccessed',
      'MailItemsAccessed',
      'MailItemsAccessee',
      'MailItemsAccesse',
      'MailItemsAccessedX',
      'MailItemsAccessed ',
      'mailItemsAccessed',
      'MailItemsAccessed',
      'Zoë.Ångström@contoso.com',
      'Zoë.Ångström@contoso.co',
      'a "quoted" value',
      'a "quoted" value',
      'a "quoted" valu',
      'ends with a quote"',
      'ends with a quote"',
      'back\\slash\\',
      'back\\slash\\',
      'back\\slash',
      '',
      '',
      'x',
      'x'.repeat(300),
      'x'.repeat(300),
      'x'.repeat(129),
      'x'.repeat(128),
      'x'.repeat(128),
      'x'.repeat(127),
    ];
    const texts: string[] = [];
    for (const v of values) {
      texts.push(record({ OrganizationId: v, ClientInfoString: v, Folders: [{ Path: v, FolderItems: [] }] }));
      // The same value with a \u escape: other bytes, the same string.
      texts.push(record({ OrganizationId: v.replace(/^M/, '\\u004d') }).replace('\\\\u004d', '\\u004d'));
    }
    for (let round = 0; round < 2; round++) {
      for (const [i, t] of texts.entries()) {
        const expected = withoutUnread(canonicalAudit(JSON.parse(t) as Record<string, unknown>));
        assert.deepStrictEqual(present(pickCell(t)), expected, `text ${i} as a CSV cell`);
        assert.deepStrictEqual(present(pickPlain(t)), expected, `text ${i} as JSON`);
      }
    }
    // A CSV cell whose value read before is closed by a lone quote is no CSV cell: declined.
    const good = record({ OrganizationId: 'org-1' });
    assert.ok(pickCell(good));
    const cell = good.replaceAll('"', '""').replace('""org-1"",', '""org-1"x,');
    const bytes = Buffer.from(cell, 'utf8');
    assert.equal(pickAuditBytes(bytes, 0, bytes.length, true, false), undefined);
  });

  it('declines broken JSON and everything it cannot vouch for', () => {
    const good = JSON.stringify(SAMPLES[0]);
    const cases: [string, string][] = [
      ['cut short', good.slice(0, -1)],
      ['cut in a string', good.slice(0, good.indexOf('Operation') + 4)],
      ['trailing comma', `${good.slice(0, -1)},}`],
      ['trailing text', `${good}x`],
      ['two objects', `${good}${good}`],
      ['single quotes', good.replace('"Operation"', "'Operation'")],
      ['raw control character in a string', good.replace('MailItemsAccessed', 'Mail\u0001ItemsAccessed')],
      ['raw line break in a string', good.replace('MailItemsAccessed', 'Mail\nItemsAccessed')],
      ['invalid escape', good.replace('MailItemsAccessed', 'Mail\\xItemsAccessed')],
      ['short \\u escape', good.replace('MailItemsAccessed', 'Mail\\u12')],
      ['leading zero', good.replace('"RecordType":50', '"RecordType":050')],
      ['bare fraction', good.replace('"RecordType":50', '"RecordType":50.')],
      ['NaN', good.replace('"RecordType":50', '"RecordType":NaN')],
      ['plus sign', good.replace('"RecordType":50', '"RecordType":+50')],
      ['missing colon', good.replace('"RecordType":50', '"RecordType" 50')],
      ['missing comma', good.replace(',"RecordType"', '"RecordType"')],
      ['unquoted key', good.replace('"RecordType"', 'RecordType')],
      ['true misspelt', `${good.slice(0, -1)},"X":tru}`],
      ['byte order mark', `\ufeff${good}`],
      ['an array', `[${good}]`],
      ['a string', JSON.stringify(good)],
      ['empty', ''],
      ['mismatched brackets', good.replace(/\]/, '}')],
      ['field written twice', `${good.slice(0, -1)},"Operation":"Send"}`],
      ['field in two spellings', `${good.slice(0, -1)},"operation ":"Send"}`],
      ['key with an escape', good.replace('"Operation"', '"Op\\u0065ration"')],
      ['non-ASCII key (Kelvin sign folds to k)', `${good.slice(0, -1)},"To\u212aenTenantId":"x"}`],
      ['Folders as JSON text', JSON.stringify({ ...SAMPLES[0], Folders: '[]' })],
      ['Item as JSON text', JSON.stringify({ ...SAMPLES[0], Item: '{}' })],
      [
        'CreationTime as an object',
        JSON.stringify({ ...SAMPLES[0], CreationTime: { value: '2024-01-01T00:00:00' } }),
      ],
      ['Id as an object', JSON.stringify({ ...SAMPLES[0], Id: { a: 1 } })],
      ['a property that is no object', JSON.stringify({ ...SAMPLES[0], OperationProperties: [null] })],
      [
        'a property value that is an object',
        JSON.stringify({ ...SAMPLES[0], OperationProperties: [{ Name: 'a', Value: {} }] }),
      ],
      [
        'ParentFolder with items',
        JSON.stringify({ ...SAMPLES[0], Item: { ParentFolder: { FolderItems: [] } } }),
      ],
      ['deep nesting', `${good.slice(0, -1)},"Deep":${'['.repeat(200)}${']'.repeat(200)}}`],
    ];
    for (const [what, text] of cases) {
      assert.notEqual(text, good, what);
      assert.equal(pickCell(text), undefined, `${what} (CSV cell)`);
      assert.equal(pickPlain(text), undefined, `${what} (JSON)`);
    }
    // Sanity: the unbroken record is answered, and the duplicate really is valid JSON the full path resolves.
    assert.ok(pickCell(good));
    assert.doesNotThrow(() => JSON.parse(cases.find(([w]) => w === 'field written twice')?.[1] ?? ''));
  });

  it('a CSV cell whose quotes are not all doubled is declined', () => {
    const text = JSON.stringify(SAMPLES[0]);
    const cell = text.replaceAll('"', '""').replace('""Operation""', '"Operation"');
    const bytes = Buffer.from(cell, 'utf8');
    assert.equal(pickAuditBytes(bytes, 0, bytes.length, true, false), undefined);
  });

  it('as a JSON line: answers only for a raw AuditData, never for a wrapper', () => {
    const audit = SAMPLES[0];
    const raw = JSON.stringify(audit);
    assert.deepStrictEqual(present(pickPlain(raw, true)), withoutUnread(canonicalAudit(audit)));
    const wrappers = [
      { AuditData: audit, Operations: 'MailItemsAccessed' },
      { auditData: audit, createdDateTime: '2024-01-01T00:00:00Z' },
      { properties: { RawEventData: audit } },
      { ...audit, TimeGenerated: '2024-01-01T00:00:00Z' },
      { Category: 'CloudAppEvents', ...audit },
      { RawEventData: audit, Timestamp: 'x' },
    ];
    for (const w of wrappers) {
      const text = JSON.stringify(w);
      assert.equal(pickPlain(text, true), undefined, text.slice(0, 60));
      const unwrapped = auditFromElement(w);
      assert.ok(!('audit' in unwrapped) || unwrapped.audit !== w, 'a wrapper indeed');
    }
    // Not an audit record at all (no CreationTime, or neither Operation nor Id; padded keys do not count).
    const { CreationTime, ...noTime } = audit;
    assert.ok(CreationTime);
    assert.equal(pickPlain(JSON.stringify(noTime), true), undefined);
    assert.equal(pickPlain(JSON.stringify({ ...noTime, 'CreationTime ': CreationTime }), true), undefined);
    const { Id, Operation, ...noIdOp } = audit;
    assert.ok(Id && Operation);
    assert.equal(pickPlain(JSON.stringify(noIdOp), true), undefined);
    assert.ok(pickPlain(JSON.stringify({ CreationTime, Id }), true));
  });

  it('random damage to real records: whatever it answers, the full parse answers the same', () => {
    // A small deterministic generator: the same damage on every run.
    let state = 12345;
    const next = (n: number): number => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return state % n;
    };
    const alphabet = [
      '"',
      '\\',
      '{',
      '}',
      '[',
      ']',
      ',',
      ':',
      ' ',
      'e',
      '-',
      '0',
      '.',
      'u',
      'n',
      '\n',
      'é',
      'x',
    ];
    let answered = 0;
    let declined = 0;
    for (let round = 0; round < 3000; round++) {
      const base = JSON.stringify(SAMPLES[round % SAMPLES.length]);
      let text = base;
      for (let k = 0, edits = 1 + next(3); k < edits; k++) {
        const at = next(text.length);
        const op = next(3);
        const c = alphabet[next(alphabet.length)];
        text =
          op === 0
            ? text.slice(0, at) + text.slice(at + 1)
            : op === 1
              ? text.slice(0, at) + c + text.slice(at)
              : text.slice(0, at) + c + text.slice(at + 1);
      }
      const picked = pickPlain(text);
      if (picked === undefined) {
        declined++;
        continue;
      }
      answered++;
      const expected = full(text);
      assert.notEqual(typeof expected, 'string', `answered broken JSON: ${text}`);
      assert.deepStrictEqual(normaliseCanonical(picked), expected, text);
      assert.deepStrictEqual(normaliseCanonical(pickCell(text) ?? {}), expected, text);
    }
    assert.ok(answered > 100 && declined > 100, `${answered} answered, ${declined} declined`);
  });
});
