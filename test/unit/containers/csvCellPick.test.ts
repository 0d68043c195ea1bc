import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { type CellReader, CsvFields, scanCsvRecord } from '../../../src/core/containers/csvScanner';
import type { OpenOptions } from '../../../src/core/containers/openContainer';
import type { ContainerKind, ReadOptions, SourceRow } from '../../../src/core/containers/types';
import { pickAuditBytes, pickAuditCell } from '../../../src/core/normalise/auditBytes';
import { normaliseAudit, normaliseCanonical } from '../../../src/core/normalise/normaliseAudit';
import { openBytes, readRows } from '../../support/containerFixtures/readRows';
import { generateScenario } from '../../support/generator/scenario';
import { renderExport, scenarioRows } from '../../support/generator/writeExport';
import { fixturePath } from '../../support/paths';

// The CSV reader finds the end of an AuditData cell while the picker reads it (`pickAuditCell`),
// instead of scanning the cell's quotes first and picking it after. These tests hold it to the rows
// the reader gives without any picker (full scan and JSON.parse), broken rows included.

const SAMPLES: Record<string, unknown>[] = fs
  .readdirSync(fixturePath('samples'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(fs.readFileSync(fixturePath('samples', f), 'utf8')) as Record<string, unknown>);

/** What a row stands for: where it is, and its normalised record or its error. */
function outcome(r: SourceRow): unknown {
  const result = r.canonical
    ? normaliseCanonical(r.canonical, r.envelope)
    : r.error !== undefined || r.audit === undefined
      ? r.error
      : normaliseAudit(r.audit, r.envelope);
  return [r.line, r.offset, r.length, r.error, result];
}

/** Picker options that count how often each picker answered. */
function counted(): { options: ReadOptions; cells: () => number; whole: () => number } {
  let cells = 0;
  let whole = 0;
  const options: ReadOptions = {
    pickAudit: (...args) => {
      const r = pickAuditBytes(...args);
      if (r) whole++;
      return r;
    },
    pickAuditCell: (...args) => {
      const r = pickAuditCell(...args);
      if (r) cells++;
      return r;
    },
  };
  return { options, cells: () => cells, whole: () => whole };
}

/** Rows of `bytes` read without a picker, and with both pickers (and the counts). */
async function readBoth(name: string, bytes: Buffer | string, open?: OpenOptions) {
  const slow = await readRows(await openBytes(name, bytes, open));
  const pick = counted();
  const fast = await readRows(await openBytes(name, bytes, open), pick.options);
  return { slow, fast, cells: pick.cells(), whole: pick.whole() };
}

const cellOf = (audit: unknown): string => `"${JSON.stringify(audit).replaceAll('"', '""')}"`;
const HEADER = 'RecordId,CreationDate,RecordType,Operation,UserId,AuditData,AssociatedAdminUnits\n';
const row = (i: number, cell: string): string =>
  `"r-${i}","2024-01-01T00:00:00","ExchangeItem","MailItemsAccessed","u@x",${cell},""\n`;

describe('pickAuditCell (the CSV AuditData cell read and ended in one pass)', function () {
  this.timeout(60_000);

  it('finds the closing quote the scanner finds, and the answer pickAuditBytes gives for the cell', () => {
    const text = JSON.stringify(SAMPLES[0]).replaceAll('"', '""');
    for (const [after, closeAt] of [
      ['",x', 0],
      ['  \r\n\t",x', 5],
      ['"\n', 0],
    ] as const) {
      const bytes = Buffer.from(`"${text}${after}`, 'utf8');
      const picked = pickAuditCell(bytes, 1, bytes.length);
      assert.ok(picked, `answered with ${JSON.stringify(after)} after the object`);
      const close = 1 + Buffer.byteLength(text) + closeAt;
      assert.equal(picked.close, close);
      assert.equal(bytes[close], 0x22);
      assert.deepStrictEqual(picked.canonical, pickAuditBytes(bytes, 1, close, true, false));
    }
    // Not a lone quote after the object (a pair, other text, or a quote with nothing read after it):
    // the usual scan decides.
    for (const after of ['""', '"', 'x",', ' ', '', '""x",', '"" ",', '""",']) {
      const bytes = Buffer.from(`"${text}${after}`, 'utf8');
      assert.equal(pickAuditCell(bytes, 1, bytes.length), undefined, JSON.stringify(after));
    }
    // The limit is respected: the same cell cut short is never answered.
    const bytes = Buffer.from(`"${text}",x`, 'utf8');
    for (const cut of [2, 10, bytes.length - 3, bytes.length - 2])
      assert.equal(pickAuditCell(bytes, 1, cut), undefined, `limit ${cut}`);
  });

  for (const container of ['purview-csv-new', 'purview-csv-classic'] as ContainerKind[]) {
    it(`a generated ${container} export read with it gives the rows of the full path`, async () => {
      const scenario = generateScenario({ scale: 'small', seed: 11 });
      const bytes = renderExport(container, scenarioRows(scenario, container, { includeBroken: true }));
      for (const chunkSize of [undefined, 997]) {
        const { slow, fast, cells, whole } = await readBoth(`x.${container}`, bytes, { chunkSize });
        assert.ok(
          slow.some((r) => r.error !== undefined),
          'the export has broken rows',
        );
        assert.equal(fast.length, slow.length);
        fast.forEach((r, i) => assert.deepStrictEqual(outcome(r), outcome(slow[i]), `row ${i}`));
        // The cell picker answered (nearly) every row: the whole-cell picker was rarely asked again.
        assert.ok(cells > slow.length * 0.9, `${cells} cells of ${slow.length} rows`);
        assert.ok(whole < slow.length * 0.05, `${whole} rows picked after the scan`);
      }
    });
  }

  it('random damage to real records in a CSV: the rows are those of the full path', async () => {
    let state = 4242;
    const next = (n: number): number => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return state % n;
    };
    // Quotes (lone and doubled), separators, line breaks, escapes, non-ASCII.
    const alphabet = ['"', '""', '"""', ',', '\n', '\r\n', '\\', '\\""', '{', '}', ' ', 'é', ':', 'x'];
    let text = HEADER;
    const rounds = 1500;
    for (let i = 0; i < rounds; i++) {
      let cell = cellOf(SAMPLES[i % SAMPLES.length]);
      for (let k = 0, edits = next(3); k < edits; k++) {
        const at = next(cell.length);
        const c = alphabet[next(alphabet.length)];
        cell =
          next(2) === 0 ? cell.slice(0, at) + c + cell.slice(at) : cell.slice(0, at) + c + cell.slice(at + 1);
      }
      text += row(i, cell);
    }
    // Each record scanned with and without the cell's reader: the same record, fields and flags.
    const bytes = Buffer.from(text, 'utf8');
    const plain = new CsvFields();
    const withCell = new CsvFields();
    const fieldsOf = (f: CsvFields): unknown[] => [
      f.count,
      f.start.slice(0, f.count),
      f.end.slice(0, f.count),
      f.flags.slice(0, f.count),
    ];
    let found = 0;
    const reader: CellReader = {
      index: 5,
      find: (buf, start, limit) => {
        const close = pickAuditCell(buf, start, limit)?.close ?? -1;
        if (close >= 0) found++;
        return close;
      },
    };
    for (let at = HEADER.length; at < bytes.length;) {
      const a = scanCsvRecord(bytes, at, true, 1, 0x2c, plain);
      const b = scanCsvRecord(bytes, at, true, 1, 0x2c, withCell, undefined, reader);
      assert.deepStrictEqual(b, a, `record at ${at}`);
      assert.deepStrictEqual(fieldsOf(withCell), fieldsOf(plain), `fields of the record at ${at}`);
      at = a.next;
    }
    assert.ok(found > rounds / 4, `${found} cell ends found by the picker`);
    for (const chunkSize of [undefined, 1500]) {
      const { slow, fast, cells } = await readBoth('damaged.csv', text, { chunkSize });
      assert.equal(fast.length, slow.length);
      fast.forEach((r, i) => assert.deepStrictEqual(outcome(r), outcome(slow[i]), `row ${i}`));
      const broken = slow.filter((r) => r.error !== undefined).length;
      assert.ok(broken > 50, `${broken} broken rows`);
      assert.ok(cells > rounds / 4, `${cells} cells answered`);
    }
  });

  it('edge cells: escapes, non-ASCII, odd whitespace, empty objects, a last row without a line break', async () => {
    const audit = {
      ...SAMPLES[0],
      Id: 'a"b\\c/\u00e9\ud83d\ude00',
      ClientInfoString: 'Client=OWA; "quoted"',
      MailboxOwnerUPN: 'Zoë.Ångström@contoso.com',
    };
    const pretty = JSON.stringify(audit, null, 2).replaceAll('"', '""');
    const cells = [
      cellOf(audit),
      `"  ${pretty}\r\n  "`,
      '"{}"',
      '"{ }"',
      `${cellOf(audit)}x`,
      `"${JSON.stringify(audit).replaceAll('"', '""').slice(0, -1)}"`,
    ];
    const body = cells.map((c, i) => row(i, c)).join('');
    for (const text of [
      HEADER + body,
      HEADER + body.slice(0, -1),
      HEADER + row(0, cellOf(audit)).slice(0, -4),
    ]) {
      const { slow, fast } = await readBoth('edge.csv', text);
      assert.equal(fast.length, slow.length);
      fast.forEach((r, i) => assert.deepStrictEqual(outcome(r), outcome(slow[i]), `row ${i}`));
    }
    const { fast, cells: answered } = await readBoth('edge.csv', HEADER + body);
    assert.ok(
      fast[0].canonical && fast[1].canonical,
      'the escaped and the pretty-printed cells took the fast path',
    );
    assert.ok(answered >= 2);
  });
});
