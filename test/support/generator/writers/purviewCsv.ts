/**
 * Purview (Microsoft 365 compliance portal) audit search exports: the classic
 * `CreationDate,UserIds,Operations,AuditData` CSV and the new portal's eight-column CSV.
 */
import { auditJson } from '../json';
import { RECORD_TYPE_NAMES } from '../vocabulary';
import { iso7, localeDate } from '../time';
import type { ExportRow } from '../scenarioTypes';
import type { ResolvedOptions } from './options';
import {
  assertSupported,
  csvField,
  csvJsonField,
  eolOf,
  formatTime,
  text,
  type Piece,
  type Renderer,
} from './common';

export const PURVIEW_CLASSIC_COLUMNS = ['CreationDate', 'UserIds', 'Operations', 'AuditData'];
export const PURVIEW_NEW_COLUMNS = [
  'RecordId',
  'CreationDate',
  'RecordType',
  'Operation',
  'UserId',
  'AuditData',
  'AssociatedAdminUnits',
  'AssociatedAdminUnitsNames',
];
// No column name needs quoting, so the header lines are the names joined.
export const PURVIEW_CLASSIC_HEADER = PURVIEW_CLASSIC_COLUMNS.join(',');
export const PURVIEW_NEW_HEADER = PURVIEW_NEW_COLUMNS.join(',');

/** Classic portal CSV: fields quoted only where needed, CreationDate `2025-03-12T16:05:06.0000000Z`. */
export const renderPurviewClassic: Renderer = function* (rows, options): Iterable<Piece> {
  const eol = eolOf(options);
  yield { text: PURVIEW_CLASSIC_HEADER + eol };
  for (const { audit, broken } of rows) {
    assertSupported('purview-csv-classic', broken, ['truncated-json', 'broken-quoting']);
    const fields = [
      csvField(
        formatTime(audit, (ms) => `${iso7(ms)}Z`),
        false,
      ),
      csvField(text(audit, 'UserId'), false),
      csvField(text(audit, 'Operation'), false),
      csvJsonField(auditJson(audit), broken, false),
    ];
    yield { text: fields.join(',') + eol, row: true };
  }
};

/** One row of the new portal CSV (with its line ending); `json` saves serialising the record twice. */
export function purviewNewRow(row: ExportRow, options: ResolvedOptions, json = auditJson(row.audit)): string {
  const { audit, broken } = row;
  assertSupported('purview-csv-new', broken, ['truncated-json', 'broken-quoting']);
  const date = (ms: number) => (options.purviewDate === 'us' ? localeDate(ms, 'en-US') : `${iso7(ms)} `);
  const units = Array.isArray(audit.AssociatedAdminUnits)
    ? (audit.AssociatedAdminUnits as string[]).join(',')
    : '';
  const recordType =
    typeof audit.RecordType === 'number'
      ? (RECORD_TYPE_NAMES[audit.RecordType] ?? String(audit.RecordType))
      : '';
  const fields = [
    csvField(text(audit, 'Id'), true),
    csvField(formatTime(audit, date), true),
    csvField(recordType, true),
    csvField(text(audit, 'Operation'), true),
    csvField(text(audit, 'UserId'), true),
    csvJsonField(json, broken, true),
    csvField(units, true),
    csvField('', true),
  ];
  return fields.join(',') + eolOf(options);
}

/**
 * New portal CSV: every field quoted, CreationDate ISO with seven decimals and a trailing space
 * inside the quotes (or `M/D/YYYY h:mm:ss AM`), RecordType as its enum name.
 */
export const renderPurviewNew: Renderer = function* (rows, options): Iterable<Piece> {
  yield { text: PURVIEW_NEW_HEADER + eolOf(options) };
  for (const row of rows) yield { text: purviewNewRow(row, options), row: true };
};
