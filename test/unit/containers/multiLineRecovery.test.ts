import * as assert from 'node:assert/strict';
import * as Papa from 'papaparse';
import type { SourceRow } from '../../../src/core/containers/types';
import { openBytes, readRows } from '../../support/containerFixtures/readRows';
import { generateScenario } from '../../support/generator/scenario';
import type { ExportRow, Scenario } from '../../support/generator/scenarioTypes';
import { layoutLines, renderExport, scenarioRows } from '../../support/generator/writeExport';
import { CSV_CONTAINERS } from '../../support/generator/writers/options';

/**
 * Rows that legitimately span lines (a quoted cell holding CR LF, as Sentinel's OriginatingServer
 * does, or pretty-printed JSON in a cell) must survive a broken row before them: the reader used to
 * resynchronise after any multi-line error row and accepted only single-line records, so every
 * multi-line record after a Folders cell cut at 32,767 characters was silently dropped.
 */

let scenario: Scenario | undefined;
const small = (): Scenario => (scenario ??= generateScenario({ scale: 'small' }));

/** Ids of the rows papaparse (the reference reader) finds, in order; '' for a row without one. */
function papaIds(text: string, idColumn: string): string[] {
  const parsed = Papa.parse<Record<string, string>>(
    text.replace(/^\uFEFF/, '').replace(/^#TYPE[^\n]*\n/, ''),
    {
      header: true,
      skipEmptyLines: true,
    },
  );
  return parsed.data.map((r) => (r[idColumn] ?? '').trim());
}

/** What a row must be: a record (with this Id, possibly absent), or an error. */
interface Expected {
  line: number;
  rejected: boolean;
  id?: string;
}

/** Expected reader rows for generator rows: the syntactically broken ones are errors, the rest records. */
function expectedOf(rows: readonly ExportRow[], lines: readonly number[]): Expected[] {
  return rows.map((r, i) => ({
    line: lines[i],
    rejected: r.broken === 'truncated-json' || r.broken === 'broken-quoting',
    id: typeof r.audit.Id === 'string' ? r.audit.Id : undefined,
  }));
}

function expectRows(rows: SourceRow[], expected: Expected[], label: string): void {
  assert.deepEqual(
    rows.map((r) => r.line),
    expected.map((e) => e.line),
    `${label}: row lines`,
  );
  rows.forEach((row, i) => {
    const want = expected[i];
    if (want.rejected) {
      assert.equal(row.audit, undefined, `${label} line ${row.line}: must be rejected`);
      assert.ok(row.error, `${label} line ${row.line}: has a reason`);
    } else {
      assert.equal(row.error, undefined, `${label} line ${row.line}: ${row.error}`);
      assert.ok(row.audit, `${label} line ${row.line}: has a record`);
      assert.equal(row.audit.Id, want.id, `${label} line ${row.line}`);
    }
  });
}

const SENTINEL_HEADER = 'TimeGenerated,Operation,OfficeId,MailboxOwnerUPN,OriginatingServer,Folders\r\n';
/** A Sentinel row whose OriginatingServer cell ends with a real CR LF, so the row spans two lines. */
const sentinelRow = (id: number, folders = `[{""Path"":""\\\\Inbox""}]`) =>
  `2025-03-0${id}T00:00:00Z,MailItemsAccessed,${id},a@b,"EX${id}.prod (15.20)\r\n","${folders}"\r\n`;

const SENTINEL_EXPECTED: Expected[] = [
  { line: 2, rejected: false, id: '1' },
  { line: 4, rejected: true },
  { line: 6, rejected: false, id: '3' },
  { line: 8, rejected: false, id: '4' },
];

describe('CSV rows spanning lines after a broken row', () => {
  it('reads every Sentinel row after a Folders cell cut at the cell limit (generator export, all rows)', async function () {
    this.timeout(20000);
    const rows = scenarioRows(small(), 'sentinel-officeactivity-csv', { includeBroken: true });
    const bytes = renderExport('sentinel-officeactivity-csv', rows);
    const lines = layoutLines('sentinel-officeactivity-csv', rows);
    // The scenario must really hold the case: multi-line rows and a cut Folders cell.
    assert.ok(rows.some((r) => r.broken === 'truncated-json'));
    assert.ok(bytes.toString('utf8').includes('\r\n",'), 'OriginatingServer cells end with CR LF');
    const read = await readRows(await openBytes('officeactivity.csv', bytes));
    expectRows(read, expectedOf(rows, lines), 'sentinel');
    // papaparse (the reference) splits the file into the same rows, with the same OfficeIds wherever
    // the row's quoting is intact.
    const papa = papaIds(bytes.toString('utf8'), 'OfficeId');
    assert.equal(papa.length, rows.length);
    rows.forEach((r, i) => {
      if (r.broken !== 'broken-quoting') assert.equal(papa[i], r.audit.Id ?? '', `papaparse row ${i}`);
    });
  });

  it('reads every row of every CSV container the generator writes with its broken rows, also in small reads', async function () {
    this.timeout(60000);
    const sc = small();
    for (const container of CSV_CONTAINERS) {
      const rows = scenarioRows(sc, container, { includeBroken: true });
      const bytes = renderExport(container, rows);
      const lines = layoutLines(container, rows);
      const expected = expectedOf(rows, lines);
      expectRows(await readRows(await openBytes('export.csv', bytes)), expected, container);
      expectRows(
        await readRows(await openBytes('export.csv', bytes, { chunkSize: 4099 })),
        expected,
        `${container} (4 KiB reads)`,
      );
    }
  });

  it('reports a sound multi-line row with bad JSON alone and reads the multi-line rows after it', async () => {
    const text =
      SENTINEL_HEADER +
      sentinelRow(1) +
      sentinelRow(2, `[{""Path"":""\\\\Inb`) +
      sentinelRow(3) +
      sentinelRow(4);
    for (const chunkSize of [7, 64, 1 << 20]) {
      const rows = await readRows(await openBytes('s.csv', text, { chunkSize }));
      expectRows(rows, SENTINEL_EXPECTED, `chunk ${chunkSize}`);
      assert.match(rows[1].error ?? '', /^Folders is not valid JSON/);
      assert.doesNotMatch(rows[1].error ?? '', /skipped/);
      // The error row covers exactly its own two lines (up to its final line break).
      assert.equal(rows[1].offset + rows[1].length, text.indexOf('2025-03-03') - 2);
    }
  });

  it('resumes after a stray quote at the next record even when that record spans lines', async () => {
    // Folders quoted without doubling its quotes: the cell "closes" early and text follows.
    const broken = `2025-03-02T00:00:00Z,MailItemsAccessed,2,a@b,"EX2\r\n","[{"Path":"\\\\Inbox"}]"\r\n`;
    const text = SENTINEL_HEADER + sentinelRow(1) + broken + sentinelRow(3) + sentinelRow(4);
    for (const chunkSize of [5, 64, 1 << 20]) {
      const rows = await readRows(await openBytes('s.csv', text, { chunkSize }));
      expectRows(rows, SENTINEL_EXPECTED, `chunk ${chunkSize}`);
      assert.match(rows[1].error ?? '', /Folders cell has text after its closing quote/);
    }
  });

  it('reads pretty-printed (multi-line) AuditData cells after a cut one in a Purview CSV', async () => {
    const pretty = (id: number) =>
      JSON.stringify({ Id: String(id), CreationTime: `2024-01-0${id}T00:00:00` }, null, 2).replace(
        /"/g,
        '""',
      );
    const row = (id: number, audit = pretty(id)) => `2024-01-0${id},u,MailItemsAccessed,"${audit}"\r\n`;
    const cut = pretty(2).slice(0, 20);
    const text = 'CreationDate,UserIds,Operations,AuditData\r\n' + row(1) + row(2, cut) + row(3) + row(4);
    const rows = await readRows(await openBytes('p.csv', text, { chunkSize: 16 }));
    expectRows(
      rows,
      [
        { line: 2, rejected: false, id: '1' },
        { line: 6, rejected: true },
        { line: 9, rejected: false, id: '3' },
        { line: 13, rejected: false, id: '4' },
      ],
      'purview',
    );
    assert.match(rows[1].error ?? '', /^AuditData is not valid JSON/);
  });
});
