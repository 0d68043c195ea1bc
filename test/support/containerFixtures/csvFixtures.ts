import { DEFENDER_CSV_COLUMNS } from '../generator/writers/defender';
import { GRAPH_CSV_COLUMNS } from '../generator/writers/graphAudit';
import { PURVIEW_CLASSIC_COLUMNS, PURVIEW_NEW_COLUMNS } from '../generator/writers/purviewCsv';
import { UAL_COLUMNS, UAL_PS_COLUMNS } from '../generator/writers/unifiedAuditLogCsv';
import {
  creationIsoZ,
  creationTime,
  defenderWrapper,
  fixtureAudits,
  operationOf,
  oversizedAudit,
  recordTypeName,
  type Audit,
} from './records';
import { csvLine, encodeText, iso7, usDate, euDate, type Encoding } from './text';
import { sentinelRow } from './sentinelRows';

// Column lists come from the generator's writers so each export's header is written in one place;
// the cells stay the fixture's own (built from the published samples, not from generated records).

/** A fixture file: its name under test/fixtures/containers and its bytes. */
export interface Fixture {
  name: string;
  bytes: Buffer;
}

const compact = (a: Audit) => JSON.stringify(a);

function join(lines: string[], eol: string, trailing = true): string {
  return lines.join(eol) + (trailing ? eol : '');
}

function make(name: string, lines: string[], eol: string, encoding: Encoding = {}): Fixture {
  return { name, bytes: encodeText(join(lines, eol), encoding) };
}

/** Purview portal, classic: `CreationDate,UserIds,Operations,AuditData`. */
function classicLines(audits: Audit[], d: string): string[] {
  return [
    csvLine(PURVIEW_CLASSIC_COLUMNS, d),
    ...audits.map((a) => csvLine([iso7(creationTime(a)), a.UserId, operationOf(a), compact(a)], d)),
  ];
}

/** Purview portal, new: newest first, every cell quoted, ISO date with a trailing space or a US date. */
function newLine(a: Audit, dateStyle: 'iso' | 'us'): string {
  const t = creationTime(a);
  const date = dateStyle === 'iso' ? `${iso7(t)} ` : usDate(t);
  return csvLine([a.Id, date, a.RecordType, operationOf(a), a.UserId, compact(a), '', ''], ',', true);
}

function newestFirst(audits: Audit[]): Audit[] {
  return [...audits].sort((x, y) => creationTime(y).getTime() - creationTime(x).getTime());
}

const TYPE_LINE =
  '#TYPE Deserialized.Microsoft.Exchange.Management.SystemConfigurationTasks.UnifiedAuditLogEvent';

/** `Search-UnifiedAuditLog | Export-Csv`: every cell quoted; optional #TYPE line and PS columns. */
function ualLines(
  audits: Audit[],
  opts: { typeLine: boolean; psColumns: boolean; date: (d: Date) => string },
): string[] {
  const header = opts.psColumns ? [...UAL_PS_COLUMNS, ...UAL_COLUMNS] : UAL_COLUMNS;
  const lines = opts.typeLine ? [TYPE_LINE] : [];
  lines.push(csvLine(header, ',', true));
  audits.forEach((a, i) => {
    const ps = opts.psColumns
      ? ['outlook.office365.com', '6f1e2d3c-4b5a-6978-8695-a4b3c2d1e0f9', 'False']
      : [];
    const cells = [
      recordTypeName(a),
      opts.date(creationTime(a)),
      a.UserId,
      operationOf(a),
      compact(a),
      i + 1,
      audits.length,
      a.Id,
      'True',
      'Unchanged',
    ];
    lines.push(csvLine([...ps, ...cells], ',', true));
  });
  return lines;
}

/** Graph audit query results saved as CSV (auditData as JSON text). */
function graphCsvLines(audits: Audit[]): string[] {
  return [
    csvLine(GRAPH_CSV_COLUMNS, ','),
    ...audits.map((a) =>
      csvLine(
        [
          a.Id,
          creationIsoZ(a),
          recordTypeName(a).replace(/^E/, 'e'),
          operationOf(a),
          a.OrganizationId,
          'regular',
          a.UserId,
          'Exchange',
          '',
          a.UserId,
          a.ClientIPAddress,
          '[]',
          compact(a),
        ],
        ',',
      ),
    ),
  ];
}

/** Defender advanced hunting `CloudAppEvents` results exported as CSV. */
function defenderCsvLines(audits: Audit[]): string[] {
  const props = defenderWrapper().properties as Record<string, unknown>;
  const header = DEFENDER_CSV_COLUMNS;
  return [
    csvLine(header, ','),
    ...audits.map((a, i) => {
      const cells = header.map((h) => {
        if (h === 'Timestamp') return iso7(creationTime(a));
        if (h === 'ActionType') return operationOf(a);
        if (h === 'RawEventData') return compact(a);
        if (h === 'ReportId') return `98261974_20893_${String(a.Id)}_${i}`;
        return props[h];
      });
      return csvLine(cells, ',');
    }),
  ];
}

/** Sentinel `OfficeActivity` exported from Log Analytics as CSV. */
function sentinelCsvLines(audits: Audit[]): string[] {
  const rows = audits.map((a, i) => sentinelRow(a, i, 'csv'));
  const header = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return [
    csvLine(header, ','),
    ...rows.map((r) =>
      csvLine(
        header.map((h) => r[h]),
        ',',
      ),
    ),
  ];
}

/**
 * A new-portal export hand-edited and re-saved: broken rows between valid ones. Returns the fixture
 * and, per line of the file, nothing: the test describes what each row must be.
 */
function brokenNewPortal(audits: Audit[]): string[] {
  const big = compact(oversizedAudit());
  const q = (cells: unknown[]) => csvLine(cells, ',', true);
  const row = (a: Audit, auditText: string, extra: unknown[] = ['', '']) =>
    q([a.Id, `${iso7(creationTime(a))} `, a.RecordType, operationOf(a), a.UserId, auditText, ...extra]);
  return [
    q(PURVIEW_NEW_COLUMNS),
    row(audits[0], compact(audits[0])), // 2: valid
    row(audits[1], big.slice(0, 32767)), // 3: AuditData cut at Excel's cell limit
    row(audits[2], compact(audits[2])), // 4: valid
    `"${String(audits[3].Id)}","2024-06-26T06:29:14.0000000Z ",50,"MailItemsAccessed","x","${compact(audits[3]).replaceAll('"', '""')},"",""`, // 5: AuditData quote never closed
    row(audits[4], compact(audits[4])), // 6: valid (must be read despite line 5)
    row(audits[5], '{"CreationTime": "2026-07-28T13:21:43", "Id": nope}'), // 7: AuditData not JSON
    q([audits[6].Id, 'x', 50, 'MailItemsAccessed']), // 8: columns lost, AuditData gone
    row(audits[6], compact(audits[6]), ['', 'Unit A\r\nUnit B']), // 9-10: valid, quoted line break in a later cell
    `"${String(audits[7].Id)}","x",50,"MailItemsAccessed","u","{""a"":1}"junk,"",""`, // 11: text after a closing quote
    row(audits[8], compact(audits[8])), // 12: valid
  ];
}

/** Every CSV container fixture. */
export function csvFixtures(): Fixture[] {
  const audits = fixtureAudits();
  return [
    make('purview-classic-crlf.csv', classicLines(audits, ','), '\r\n'),
    make('purview-classic-semicolon-lf.csv', classicLines(audits, ';'), '\n'),
    make('purview-classic-sep-line.csv', ['sep=;', ...classicLines(audits.slice(0, 3), ';')], '\r\n'),
    make('purview-classic-excel-unicode-tab.txt', classicLines(audits, '\t'), '\r\n', {
      utf16: true,
      bom: true,
    }),
    make(
      'purview-new-bom-crlf.csv',
      [csvLine(PURVIEW_NEW_COLUMNS, ','), ...newestFirst(audits).map((a) => newLine(a, 'iso'))],
      '\r\n',
      { bom: true },
    ),
    make(
      'purview-new-us-dates-lf.csv',
      [csvLine(PURVIEW_NEW_COLUMNS, ','), ...newestFirst(audits).map((a) => newLine(a, 'us'))],
      '\n',
    ),
    make(
      'ual-type-line-crlf.csv',
      ualLines(audits, { typeLine: true, psColumns: false, date: usDate }),
      '\r\n',
    ),
    make(
      'ual-no-type-line-lf.csv',
      ualLines(audits, { typeLine: false, psColumns: false, date: euDate }),
      '\n',
    ),
    make(
      'ual-ps-columns-utf16-bom.csv',
      ualLines(audits, { typeLine: true, psColumns: true, date: usDate }),
      '\r\n',
      { utf16: true, bom: true },
    ),
    make(
      'ual-utf16-no-bom.csv',
      ualLines(audits, { typeLine: false, psColumns: false, date: usDate }),
      '\r\n',
      { utf16: true },
    ),
    make('graph-audit.csv', graphCsvLines(audits), '\r\n'),
    make('defender-advanced-hunting.csv', defenderCsvLines(audits), '\r\n', { bom: true }),
    make('sentinel-officeactivity.csv', sentinelCsvLines(audits), '\r\n', { bom: true }),
    make('purview-new-broken.csv', brokenNewPortal(audits), '\r\n'),
  ];
}
